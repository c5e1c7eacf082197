import { ApiProperty, PickType } from '@nestjs/swagger';
import { CaseResponseDto } from './case.response.dto';

/** A case as the list shows it: the read model's summary, without deadlines, measures or progress. */
export class CaseListItemDto extends PickType(CaseResponseDto, [
  'caseId',
  'studentId',
  'schoolId',
  'ownerStaffId',
  'trigger',
  'step',
  'status',
  'openedAt',
  'closedAt',
  'nextDeadline',
  'overdue',
  'lastEventAt',
] as const) {
  @ApiProperty({ description: 'The case: GET it for deadlines, measures and what the caller may record.' })
  link!: string;
}
