import { ApiProperty, PickType } from '@nestjs/swagger';
import { CaseResponseDto } from './case.response.dto';

/** What a case row shows of its student. */
export class CaseListStudentDto {
  @ApiProperty({ description: 'Given and family name.' })
  name!: string;

  @ApiProperty()
  className!: string;
}

export class CaseOwnerDto {
  @ApiProperty({ format: 'uuid' })
  staffId!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'null when the directory has no such staff member.',
  })
  name!: string | null;
}

/** A case as the list shows it: the read model's summary with its student and owner, in one request. */
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
  'escalated',
  'lastEventAt',
] as const) {
  @ApiProperty({
    format: 'date-time',
    description:
      'When a person last opened the case or recorded an event on it; reminders, escalations and notices do not count.',
  })
  lastActivityAt!: string;

  @ApiProperty({
    type: CaseListStudentDto,
    nullable: true,
    description:
      "Everyone who may see a case may read its student (need to know: docs/api.md), so this is null only when the directory has no such student. Personal data: never put it in a URL or the browser's storage.",
  })
  student!: CaseListStudentDto | null;

  @ApiProperty({ type: CaseOwnerDto })
  owner!: CaseOwnerDto;

  @ApiProperty({ description: 'The case: GET it for deadlines, measures and what the caller may record.' })
  link!: string;
}
