import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { MappingAreaRecordDto } from './mapping-area-record.dto';

/** The four areas of the simplified mapping and the analysis model. */
export class MappingAreasDto {
  @ApiProperty({ type: MappingAreaRecordDto, description: 'Relations, situations, structures, demands.' })
  @ValidateNested()
  @Type(() => MappingAreaRecordDto)
  school!: MappingAreaRecordDto;

  @ApiProperty({ type: MappingAreaRecordDto, description: 'Relations, routines.' })
  @ValidateNested()
  @Type(() => MappingAreaRecordDto)
  home!: MappingAreaRecordDto;

  @ApiProperty({ type: MappingAreaRecordDto, description: 'Relations, situations, activities.' })
  @ValidateNested()
  @Type(() => MappingAreaRecordDto)
  leisure!: MappingAreaRecordDto;

  @ApiProperty({
    type: MappingAreaRecordDto,
    description: 'Well-being, relations, vulnerabilities, strengths.',
  })
  @ValidateNested()
  @Type(() => MappingAreaRecordDto)
  student!: MappingAreaRecordDto;
}
