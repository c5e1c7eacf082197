import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class OwnerReassignedPayloadDto {
  @ApiProperty({ format: 'uuid', description: "An active contact teacher at the case's school." })
  @IsUUID()
  newOwnerStaffId!: string;
}
