import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { MappingAreasDto } from './mapping-areas.dto';

/** The mapping (kartlegging) across school, home, leisure and the student. */
export class MappingRecordedPayloadDto {
  @ApiProperty({ type: MappingAreasDto })
  @ValidateNested()
  @Type(() => MappingAreasDto)
  areas!: MappingAreasDto;
}
