import { ApiProperty } from '@nestjs/swagger';
import { CLOSED_PERIOD_KINDS, type ClosedPeriodKind } from '@tiltak/domain';
import { IsIn, IsString, Length } from 'class-validator';
import { IsLocalDate } from '../../common/date-validators';
import { LOCAL_DATE } from '../../common/validation';

export class ClosedPeriodDto {
  @ApiProperty({ example: '2026-12-19', pattern: LOCAL_DATE.source })
  @IsLocalDate()
  from!: string;

  @ApiProperty({ example: '2027-01-03', pattern: LOCAL_DATE.source })
  @IsLocalDate()
  to!: string;

  @ApiProperty({ enum: CLOSED_PERIOD_KINDS })
  @IsIn(CLOSED_PERIOD_KINDS)
  kind!: ClosedPeriodKind;

  @ApiProperty({ example: 'Juleferie', maxLength: 100 })
  @IsString()
  @Length(1, 100)
  name!: string;
}
