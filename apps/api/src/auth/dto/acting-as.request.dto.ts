import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class ActingAsRequestDto {
  @ApiProperty({ format: 'uuid', description: "One of the session's assignments (its staffId)." })
  @IsUUID()
  staffId!: string;
}
