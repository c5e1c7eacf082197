import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class AbsenceImportQueryDto {
  @ApiPropertyOptional({
    enum: ['reject', 'skip'],
    default: 'reject',
    description:
      'reject: one bad row rejects the whole file (nothing applied); skip: bad rows are listed and the rest applied.',
  })
  @IsOptional()
  @IsIn(['reject', 'skip'])
  invalidRows?: 'reject' | 'skip';
}
