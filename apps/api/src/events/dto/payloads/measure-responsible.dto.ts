import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { STAFF_ROLES, type StaffRole } from '@tiltak/domain';
import { IsIn, IsOptional, IsUUID } from 'class-validator';

export class MeasureResponsibleDto {
  @ApiProperty({ enum: ['staff', 'student', 'guardians'] })
  @IsIn(['staff', 'student', 'guardians'])
  kind!: 'staff' | 'student' | 'guardians';

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'For kind staff: an active staff member at the school or municipality-wide.',
  })
  @IsOptional()
  @IsUUID()
  staffId?: string;

  @ApiPropertyOptional({
    enum: STAFF_ROLES,
    description: 'For kind staff; taken from the directory when absent, and must match it when given.',
  })
  @IsOptional()
  @IsIn(STAFF_ROLES)
  role?: StaffRole;
}
