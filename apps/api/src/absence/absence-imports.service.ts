import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Request } from 'express';
import { STAGING_FIELDS, type ImportMode, type ImportSource } from '@tiltak/persistence';
import {
  ABSENCE_IMPORT_WORKFLOW_TYPE,
  absenceImportWorkflowId,
  type AbsenceImportInput,
} from '@tiltak/workflows';
import { AccessAudit } from '../access/access-audit.service';
import { mayImportAbsence, mayReadAbsenceOverview } from '../access/access-policy';
import type { Caller } from '../auth/caller';
import { DomainError } from '../errors/domain-error';
import { ApiConfig } from '../infrastructure/api-config';
import { CasePolicy } from '../infrastructure/ladder-policy';
import { AbsenceStoreRef, DirectoryStore } from '../infrastructure/stores.provider';
import { TemporalClient } from '../infrastructure/temporal-client.provider';
import { apiPath } from '../http/api-prefix';
import { CsvInputError, CsvToCopyStream, copyValue } from './csv-copy-stream';
import { AbsenceImportResponseDto } from './dto/absence-import.response.dto';
import { overviewFiguresFrom, type AbsenceOverviewResponseDto } from './dto/absence-overview.response.dto';
import type { AbsenceRecordsRequestDto } from './dto/absence-records.request.dto';

/** The largest CSV file accepted (the 100 MB: a municipality's school year is ~3.4 M rows). */
export const MAX_CSV_BYTES = 100 * 1024 * 1024;

/** A `received` import older than this is (re)started when read: its first start may have failed. */
const STRANDED_AFTER_MS = 30_000;
/** How long the API waits for Temporal to take an import's workflow before answering anyway. */
const START_DEADLINE_MS = 10_000;

export const absenceImportPath = (schoolId: string, importId: string): string =>
  apiPath(`/schools/${schoolId}/absence-imports/${importId}`);

export interface ImportAccepted {
  body: AbsenceImportResponseDto;
  location: string;
}

@Injectable()
export class AbsenceImportsService {
  private readonly logger = new Logger('absence-imports');

  constructor(
    private readonly absenceStore: AbsenceStoreRef,
    private readonly directoryStore: DirectoryStore,
    private readonly audit: AccessAudit,
    private readonly temporal: TemporalClient,
    private readonly config: ApiConfig,
    private readonly casePolicy: CasePolicy,
  ) {}

  /** Streams the CSV body into staging (never all in memory), then starts the import's workflow. */
  async receiveCsv(
    caller: Caller,
    schoolId: string,
    req: Request,
    mode: ImportMode,
  ): Promise<ImportAccepted> {
    await this.requireSchool(caller, schoolId, 'absence.import');
    checkCsvHeaders(req);
    const importId = randomUUID();
    const parser = new CsvToCopyStream(importId, MAX_CSV_BYTES);
    const abort = () => {
      if (!req.complete)
        parser.destroy(new DomainError('BAD_REQUEST', 'Opplastingen ble avbrutt før filen var mottatt.'));
    };
    req.once('close', abort);
    req.once('error', abort);
    try {
      // Read the body only once the transaction is open: the parser's first error must reach COPY's pipeline.
      await (
        await this.absenceStore.get()
      ).receive(newImport(importId, schoolId, 'csv', mode, caller), () => req.pipe(parser));
    } catch (err) {
      // Answer now and let the rest of the body drain; nothing was staged (the transaction rolled back).
      req.unpipe(parser);
      req.resume();
      throw csvError(err);
    } finally {
      req.off('close', abort);
      req.off('error', abort);
    }
    return this.start(importId, schoolId);
  }

  /** The integrations' batch: the same staging, checks and workflow as a file. */
  async receiveRecords(
    caller: Caller,
    schoolId: string,
    body: AbsenceRecordsRequestDto,
    mode: ImportMode,
  ): Promise<ImportAccepted> {
    await this.requireSchool(caller, schoolId, 'absence.import');
    const importId = randomUUID();
    const lines = body.records.map((r, index) => {
      const values: Record<(typeof STAGING_FIELDS)[number], string | null> = {
        student_ref: r.studentRef,
        lesson_date: r.date,
        period: String(r.period),
        subject_code: r.subject,
        teacher_ref: r.teacherRef ?? null,
        status: r.status,
        minutes: r.minutes === undefined ? null : String(r.minutes),
        reason: r.reason ?? null,
      };
      return `${[importId, String(index + 1), ...STAGING_FIELDS.map((f) => values[f]), null].map(copyValue).join('\t')}\n`;
    });
    await (
      await this.absenceStore.get()
    ).receive(newImport(importId, schoolId, 'json', mode, caller), Readable.from(lines));
    return this.start(importId, schoolId);
  }

  async get(caller: Caller, schoolId: string, importId: string): Promise<AbsenceImportResponseDto> {
    await this.requireSchool(caller, schoolId, 'absence.import.read');
    const found = await (await this.absenceStore.get()).get(importId);
    if (!found || found.schoolId !== schoolId) throw new DomainError('NOT_FOUND', 'Fant ikke importen.');
    // Still received a while after it arrived: its workflow may never have started (Temporal was away).
    if (found.status === 'received' && Date.now() - Date.parse(found.createdAt) > STRANDED_AFTER_MS)
      await this.startWorkflow(importId, schoolId);
    return AbsenceImportResponseDto.from(found);
  }

  async overview(caller: Caller, schoolId: string): Promise<AbsenceOverviewResponseDto> {
    const directory = await this.directoryStore.get();
    const school = await directory.getSchool(schoolId);
    if (!school)
      throw await this.audit.notFound(caller, 'absence.overview', 'school', schoolId, 'no such school');
    await this.audit.requireVisible(
      caller,
      mayReadAbsenceOverview(caller, schoolId),
      'absence.overview',
      'school',
      schoolId,
    );
    const [rows, students] = await Promise.all([
      (await this.absenceStore.get()).overview(schoolId),
      directory.listStudents(schoolId),
    ]);
    const names = new Map(students.map((s) => [s.id, s]));
    const list = rows.map((r) => {
      const student = names.get(r.studentId);
      return {
        studentId: r.studentId,
        givenName: student?.givenName ?? '',
        familyName: student?.familyName ?? '',
        className: r.className,
        contactTeacherId: r.contactTeacherId,
        figures: r.figures ? overviewFiguresFrom(r.figures) : null,
        flags: r.concerning,
        openCaseId: r.openCaseId,
        withoutOpenCase: r.concerning.length > 0 && r.openCaseId === null,
      };
    });
    const over = list.filter((s) => s.flags.length > 0).length;
    const without = list.filter((s) => s.withoutOpenCase).length;
    return {
      schoolId,
      students: list,
      overThreshold: over,
      overThresholdWithoutOpenCase: without,
      missingPlanRate: over === 0 ? null : Math.round((without / over) * 1000) / 1000,
    };
  }

  private async start(importId: string, schoolId: string): Promise<ImportAccepted> {
    // The import is stored: even if its workflow cannot start now, it is accepted and started later
    // (by a GET of it, or by the daily detection run's sweep), never stranded.
    await this.startWorkflow(importId, schoolId);
    this.logger.log({ msg: 'Absence import received', importId });
    const stored = await (await this.absenceStore.get()).get(importId);
    if (!stored) throw new Error(`Absence import ${importId} vanished after it was received`);
    return { body: AbsenceImportResponseDto.from(stored), location: absenceImportPath(schoolId, importId) };
  }

  /** Starts the import's workflow once (its id is the import's); false when Temporal is away. */
  private async startWorkflow(importId: string, schoolId: string): Promise<boolean> {
    const input: AbsenceImportInput = { importId, schoolId, policy: this.casePolicy.policy };
    try {
      const client = await this.temporal.client();
      await client.withDeadline(Date.now() + START_DEADLINE_MS, () =>
        client.workflow.start(ABSENCE_IMPORT_WORKFLOW_TYPE, {
          workflowId: absenceImportWorkflowId(importId),
          taskQueue: this.config.values.temporal.taskQueue,
          args: [input],
          workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return true;
      this.logger.warn({
        msg: 'Absence import stored but its workflow did not start; it is started later',
        importId,
        error: err instanceof Error ? err.name : 'unknown',
      });
      return false;
    }
  }

  private async requireSchool(
    caller: Caller,
    schoolId: string,
    action: 'absence.import' | 'absence.import.read',
  ): Promise<void> {
    const directory = await this.directoryStore.get();
    if (!(await directory.getSchool(schoolId)))
      throw await this.audit.notFound(caller, action, 'school', schoolId, 'no such school');
    await this.audit.requireVisible(caller, mayImportAbsence(caller, schoolId), action, 'school', schoolId);
  }
}

function newImport(id: string, schoolId: string, source: ImportSource, mode: ImportMode, caller: Caller) {
  return { id, schoolId, source, mode, submittedBy: caller.staffId };
}

/** Before a byte is read: the media type, its charset, compression and the declared size. */
function checkCsvHeaders(req: Request): void {
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  const [mediaType, ...params] = type.split(';').map((p) => p.trim());
  if (mediaType !== 'text/csv') {
    throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Filen må sendes som CSV (Content-Type: text/csv).');
  }
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Filen må være i UTF-8 (charset=utf-8).');
  }
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding !== 'identity') {
    throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Filen kan ikke sendes komprimert.');
  }
  if (Number(req.headers['content-length'] ?? 0) > MAX_CSV_BYTES) {
    throw new DomainError('PAYLOAD_TOO_LARGE', `Filen er større enn ${MAX_CSV_BYTES / 1024 / 1024} MB.`);
  }
}

function csvError(err: unknown): unknown {
  if (!(err instanceof CsvInputError)) return err;
  switch (err.kind) {
    case 'header':
      return new DomainError('UNPROCESSABLE', err.message, {
        reason: 'CSV_COLUMNS',
        fieldErrors: err.columns.map((c) => ({ field: c.column, message: c.message })),
      });
    case 'too-large':
      return new DomainError('PAYLOAD_TOO_LARGE', err.message);
    case 'empty':
      return new DomainError('UNPROCESSABLE', err.message, {
        reason: 'CSV_EMPTY',
        fieldErrors: [{ field: '(body)', message: 'filen er tom' }],
      });
    case 'encoding':
    case 'not-csv':
      return new DomainError('UNSUPPORTED_MEDIA_TYPE', err.message);
  }
}
