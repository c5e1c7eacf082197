import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsUUID } from 'class-validator';

/** The whole set of schools a municipality-wide partner serves (replaces the previous set). */
export class ServedSchoolsRequestDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    maxItems: 200,
    example: ['d0000000-0000-4000-8000-000000000001'],
  })
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  schoolIds!: string[];
}
