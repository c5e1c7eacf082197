import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

export class StudentListQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: "Default: the caller's school." })
  @IsOptional()
  @IsUUID()
  schoolId?: string;
}
