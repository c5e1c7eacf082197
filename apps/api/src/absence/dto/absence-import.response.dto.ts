import { ApiProperty } from '@nestjs/swagger';
import type { AbsenceImport } from '@tiltak/persistence';
import { IMPORT_MODES, IMPORT_SOURCES } from '@tiltak/persistence';

export class RowErrorDto {
  @ApiProperty({
    description: 'Line of the file (1 is the header); for a JSON batch, the record’s position (1-based).',
  })
  line!: number;

  @ApiProperty({
    example: 'status',
    description:
      'The column; (rad) when the row itself is malformed; (fil) when the whole file was lost before it was read in and must be sent again.',
  })
  field!: string;

  @ApiProperty({ example: 'mangler' })
  message!: string;
}

export class AbsenceImportResponseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  schoolId!: string;

  @ApiProperty({ enum: IMPORT_SOURCES })
  source!: string;

  @ApiProperty({ enum: IMPORT_MODES, description: 'all-or-nothing (default) or skip-invalid.' })
  mode!: string;

  @ApiProperty({
    enum: ['received', 'applied', 'rejected'],
    description:
      'received: staged, not yet applied; applied: valid rows are in; rejected: nothing was applied (all-or-nothing and a bad row).',
  })
  status!: string;

  @ApiProperty({
    description: 'True once detection has run on the applied records (or the import was rejected).',
  })
  finished!: boolean;

  @ApiProperty({ description: 'Data rows read from the file.' })
  rowsRead!: number;

  @ApiProperty({ description: 'Records that were new or changed.' })
  rowsApplied!: number;

  @ApiProperty({
    description: 'Valid records identical to what was stored (the same file twice changes nothing).',
  })
  rowsUnchanged!: number;

  @ApiProperty({ description: 'Rows not applied.' })
  rowsRejected!: number;

  @ApiProperty()
  studentsEvaluated!: number;

  @ApiProperty()
  signalsFired!: number;

  @ApiProperty()
  casesOpened!: number;

  @ApiProperty({
    type: [RowErrorDto],
    description: 'Every bad row’s line and field (at most 10 000 listed).',
  })
  errors!: RowErrorDto[];

  @ApiProperty({ description: 'How many errors were found (may exceed the listed ones).' })
  errorCount!: number;

  @ApiProperty({ type: [String], description: 'Student references this school does not know.' })
  unknownStudentRefs!: string[];

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  finishedAt!: string | null;

  static from(i: AbsenceImport): AbsenceImportResponseDto {
    return {
      id: i.id,
      schoolId: i.schoolId,
      source: i.source,
      mode: i.mode,
      status: i.status === 'applying' ? 'received' : i.status,
      finished: i.finishedAt !== null,
      rowsRead: i.rowsRead,
      rowsApplied: i.rowsApplied,
      rowsUnchanged: i.rowsUnchanged,
      rowsRejected: i.rowsRejected,
      studentsEvaluated: i.studentsEvaluated,
      signalsFired: i.signalsFired,
      casesOpened: i.casesOpened,
      errors: i.errors,
      errorCount: i.errorCount,
      unknownStudentRefs: i.unknownStudentRefs,
      createdAt: i.createdAt,
      finishedAt: i.finishedAt,
    };
  }
}
