import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class ActivityPlanQueryDto {
  @ApiPropertyOptional({
    enum: ['json', 'html'],
    description: 'html: the printable Norwegian document. Default: by Accept, else JSON.',
  })
  @IsOptional()
  @IsIn(['json', 'html'])
  format?: 'json' | 'html';
}
