import { ApiPropertyOptional } from '@nestjs/swagger';
import { STAFF_ROLES, type StaffRole } from '@tiltak/domain';
import { IsIn, IsOptional, IsUUID } from 'class-validator';

export class StaffListQueryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: "A school's staff together with the municipality-wide staff.",
  })
  @IsOptional()
  @IsUUID()
  schoolId?: string;

  @ApiPropertyOptional({ enum: STAFF_ROLES })
  @IsOptional()
  @IsIn(STAFF_ROLES)
  role?: StaffRole;
}
