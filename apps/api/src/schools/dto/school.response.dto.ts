import { ApiProperty } from '@nestjs/swagger';
import type { School } from '@tiltak/persistence';

export class SchoolResponseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty()
  municipality!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  static from(school: School): SchoolResponseDto {
    return {
      id: school.id,
      name: school.name,
      municipality: school.municipality,
      createdAt: school.createdAt,
    };
  }
}
