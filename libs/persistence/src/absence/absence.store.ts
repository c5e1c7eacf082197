// Absence import and detection storage (ADR 0009). The file is streamed with COPY into a staging table
// (never held in memory), checked there with set-based SQL, and applied in one transaction. Imports of
// one school take the same advisory lock, and a record keeps the values of the latest import that set
// it (by the import's sequence number), so imports applied in any order end the same.
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import type {
  AbsenceFigures,
  AbsencePattern,
  ConcernTrigger,
  LessonRecord,
  LocalDate,
  SignalKind,
  SignalOutcome,
  SignalStates,
} from '@tiltak/domain';
import type { StudentConcernProfile as StudentConcernProfileLike } from '../directory/directory.types';
import { returnedRows } from '../sql-values';
import { insertProposals, type NewProposal } from './proposal.store';

export const IMPORT_SOURCES = ['csv', 'json'] as const;
export type ImportSource = (typeof IMPORT_SOURCES)[number];
export const IMPORT_MODES = ['all-or-nothing', 'skip-invalid'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];
export type ImportStatus = 'received' | 'applying' | 'applied' | 'rejected';

/** The staging columns, in the order COPY receives them after import_id and line_no. */
export const STAGING_FIELDS = [
  'student_ref',
  'lesson_date',
  'period',
  'subject_code',
  'teacher_ref',
  'status',
  'minutes',
  'reason',
] as const;
export type StagingField = (typeof STAGING_FIELDS)[number];

/** The most row errors kept on an import; the count is always exact. */
export const MAX_STORED_ERRORS = 10_000;

export interface RowError {
  line: number;
  field: string;
  message: string;
}

export interface AbsenceImport {
  id: string;
  schoolId: string;
  source: ImportSource;
  mode: ImportMode;
  status: ImportStatus;
  submittedBy: string | null;
  rowsRead: number;
  rowsApplied: number;
  rowsUnchanged: number;
  rowsRejected: number;
  studentsEvaluated: number;
  signalsFired: number;
  casesOpened: number;
  errors: RowError[];
  errorCount: number;
  unknownStudentRefs: string[];
  createdAt: string;
  finishedAt: string | null;
}

export interface NewImport {
  id: string;
  schoolId: string;
  source: ImportSource;
  mode: ImportMode;
  submittedBy: string | null;
}

export interface ApplyResult {
  status: 'applied' | 'rejected';
  rowsApplied: number;
  rowsRejected: number;
  /** Students whose records this import changed: the ones detection looks at. */
  changedStudentIds: string[];
}

export interface StudentForDetection {
  studentId: string;
  schoolId: string;
  contactTeacherId: string;
  concernProfile: StudentConcernProfileLike | null;
  hasOpenCase: boolean;
  /** A proposed case (propose mode) waits for the contact teacher. */
  hasPendingProposal: boolean;
  caseCount: number;
  records: LessonRecord[];
  signals: SignalStates;
  /** The highest crossing number per trigger so far (0: never). */
  crossings: Partial<Record<ConcernTrigger, number>>;
}

export interface NewSignal {
  id: string;
  studentId: string;
  schoolId: string;
  trigger: ConcernTrigger;
  kind: SignalKind;
  crossing: number;
  outcome: SignalOutcome | null;
  caseId: string | null;
  importId: string | null;
  runKey: string;
  evaluatedOn: LocalDate;
  figures: AbsenceFigures;
  pattern: AbsencePattern;
}

export interface StoredSignal extends NewSignal {
  createdAt: string;
}

export interface FiguresRow {
  studentId: string;
  evaluatedOn: LocalDate;
  figures: AbsenceFigures;
  pattern: AbsencePattern;
  concerning: ConcernTrigger[];
}

interface ImportRow {
  id: string;
  school_id: string;
  source: ImportSource;
  mode: ImportMode;
  status: ImportStatus;
  submitted_by: string | null;
  rows_read: number;
  rows_applied: number;
  rows_unchanged: number;
  rows_rejected: number;
  students_evaluated: number;
  signals_fired: number;
  cases_opened: number;
  errors: RowError[];
  unknown_student_refs: string[];
  error_count: number;
  created_at: Date;
  finished_at: Date | null;
}

/** Which checks each staging field gets; the messages are Norwegian (they reach the school). */
const ROW_CHECKS_SQL = `
  SELECT r.line_no AS line, e.field, e.message
    FROM absence_import_rows r
    LEFT JOIN students s ON s.school_id = $2 AND s.external_ref = r.student_ref
    CROSS JOIN LATERAL (VALUES
      ('(rad)', r.shape_error),
      ('student_ref', CASE WHEN coalesce(r.student_ref, '') = '' THEN 'mangler'
                           WHEN s.id IS NULL THEN 'ukjent elevreferanse ved denne skolen' END),
      ('date', CASE WHEN coalesce(r.lesson_date, '') = '' THEN 'mangler'
                    WHEN r.lesson_date !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' OR NOT pg_input_is_valid(r.lesson_date, 'date')
                      THEN 'må være en dato (ÅÅÅÅ-MM-DD)'
                    WHEN r.lesson_date::date > (now() AT TIME ZONE 'Europe/Oslo')::date THEN 'ligger fram i tid' END),
      ('period', CASE WHEN coalesce(r.period, '') = '' THEN 'mangler'
                      WHEN r.period !~ '^[0-9]{1,2}$' OR r.period::int NOT BETWEEN 1 AND 20
                        THEN 'må være et heltall fra 1 til 20' END),
      ('subject', CASE WHEN coalesce(r.subject_code, '') = '' THEN 'mangler'
                       WHEN length(r.subject_code) > 32 THEN 'er lengre enn 32 tegn' END),
      ('teacher_ref', CASE WHEN length(r.teacher_ref) > 64 THEN 'er lengre enn 64 tegn' END),
      ('status', CASE WHEN coalesce(r.status, '') = '' THEN 'mangler'
                      WHEN r.status NOT IN ('present', 'absent', 'late', 'left-early', 'present-not-in-class')
                        THEN 'må være present, absent, late, left-early eller present-not-in-class' END),
      ('minutes', CASE WHEN coalesce(r.minutes, '') <> '' AND (r.minutes !~ '^[0-9]{1,3}$' OR r.minutes::int NOT BETWEEN 1 AND 600)
                         THEN 'må være et heltall fra 1 til 600'
                       WHEN r.status = 'late' AND coalesce(r.minutes, '') = '' THEN 'mangler (påkrevd for late)'
                       WHEN coalesce(r.minutes, '') <> '' AND r.status IN ('present', 'absent', 'present-not-in-class')
                         THEN 'brukes bare for late og left-early' END),
      ('reason', CASE WHEN coalesce(r.reason, '') <> '' AND r.reason NOT IN ('illness', 'appointment', 'permission', 'unknown')
                        THEN 'må være illness, appointment, permission eller unknown'
                      WHEN coalesce(r.reason, '') <> '' AND r.status IN ('present', 'present-not-in-class')
                        THEN 'brukes ikke når eleven er til stede' END)
    ) AS e(field, message)
   WHERE r.import_id = $1 AND e.message IS NOT NULL`;

export class AbsenceStore {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Creates the import and streams its rows (COPY text format, `import_id` and `line_no` first) into
   * staging in one transaction: a stream that fails (a bad header found late, a size limit, a dropped
   * connection) leaves neither the import nor any row.
   */
  async receive(input: NewImport, source: Readable | (() => Readable)): Promise<{ rowsRead: number }> {
    const runner = this.dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    try {
      await runner.startTransaction();
      await runner.query(
        `INSERT INTO absence_imports (id, school_id, source, mode, status, submitted_by) VALUES ($1, $2, $3, $4, 'received', $5)`,
        [input.id, input.schoolId, input.source, input.mode, input.submittedBy],
      );
      const copy = client.query(
        copyFrom(
          `COPY absence_import_rows (import_id, line_no, ${STAGING_FIELDS.join(', ')}, shape_error) FROM STDIN`,
        ),
      );
      await pipeline(typeof source === 'function' ? source() : source, copy);
      const rowsRead = Number(copy.rowCount ?? 0);
      await runner.query(`UPDATE absence_imports SET rows_read = $2, updated_at = now() WHERE id = $1`, [
        input.id,
        rowsRead,
      ]);
      await runner.commitTransaction();
      return { rowsRead };
    } catch (err) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw err;
    } finally {
      await runner.release();
    }
  }

  async get(importId: string): Promise<AbsenceImport | null> {
    const rows = (await this.dataSource.query(`SELECT * FROM absence_imports WHERE id = $1`, [
      importId,
    ])) as ImportRow[];
    const row = rows[0];
    return row ? importFromRow(row) : null;
  }

  /**
   * Validates the staged rows and applies the valid ones in one transaction, under the school's
   * lock. All-or-nothing: any bad row rejects the whole import. Skip-invalid: the bad rows are listed
   * and the rest applied. Idempotent: an import already applied or rejected returns what it did.
   */
  async apply(importId: string): Promise<ApplyResult> {
    return this.dataSource.transaction(async (m) => {
      const [imp] = (await m.query(
        `SELECT school_id, mode, status, seq FROM absence_imports WHERE id = $1 FOR UPDATE`,
        [importId],
      )) as { school_id: string; mode: ImportMode; status: ImportStatus; seq: string }[];
      if (!imp) throw new Error(`No absence import ${importId}`);
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('absence-import:' || $1))`, [imp.school_id]);
      if (imp.status === 'applied' || imp.status === 'rejected') {
        const [done] = (await m.query(
          `SELECT status, rows_applied, rows_rejected FROM absence_imports WHERE id = $1`,
          [importId],
        )) as { status: 'applied' | 'rejected'; rows_applied: number; rows_rejected: number }[];
        return {
          status: done?.status ?? 'rejected',
          rowsApplied: done?.rows_applied ?? 0,
          rowsRejected: done?.rows_rejected ?? 0,
          changedStudentIds: [],
        };
      }

      const errors = (await m.query(`${ROW_CHECKS_SQL} ORDER BY line, field COLLATE "C"`, [
        importId,
        imp.school_id,
      ])) as RowError[];
      const unknownRefs = (
        (await m.query(
          `SELECT DISTINCT r.student_ref COLLATE "C" AS ref FROM absence_import_rows r
             WHERE r.import_id = $1 AND coalesce(r.student_ref, '') <> ''
               AND NOT EXISTS (SELECT 1 FROM students s WHERE s.school_id = $2 AND s.external_ref = r.student_ref)
             ORDER BY 1 LIMIT ${MAX_STORED_ERRORS}`,
          [importId, imp.school_id],
        )) as { ref: string }[]
      ).map((r) => r.ref);
      const badLines = new Set(errors.map((e) => e.line));
      const [{ total } = { total: 0 }] = (await m.query(
        `SELECT count(*)::int AS total FROM absence_import_rows WHERE import_id = $1`,
        [importId],
      )) as { total: number }[];

      const finish = async (status: 'applied' | 'rejected', applied: number, unchanged: number) => {
        await m.query(
          `UPDATE absence_imports SET status = $2, rows_applied = $3, rows_unchanged = $4, rows_rejected = $5,
                  errors = $6::jsonb, unknown_student_refs = $7::jsonb, error_count = $8, updated_at = now(),
                  finished_at = CASE WHEN $2 = 'rejected' THEN now() END
            WHERE id = $1`,
          [
            importId,
            status,
            applied,
            unchanged,
            status === 'rejected' ? total : badLines.size,
            JSON.stringify(errors.slice(0, MAX_STORED_ERRORS)),
            JSON.stringify(unknownRefs),
            errors.length,
          ],
        );
        await m.query(`DELETE FROM absence_import_rows WHERE import_id = $1`, [importId]);
      };

      if (errors.length > 0 && imp.mode === 'all-or-nothing') {
        await finish('rejected', 0, 0);
        return { status: 'rejected', rowsApplied: 0, rowsRejected: total, changedStudentIds: [] };
      }

      // A record named twice in one file: the later line is the correction.
      const changed = returnedRows<{ student_id: string }>(
        await m.query(
          `INSERT INTO lesson_attendance AS a (student_id, school_id, lesson_date, period, subject_code, teacher_ref,
                                               status, minutes, reason, import_seq)
           SELECT DISTINCT ON (s.id, r.lesson_date::date, r.period::int)
                  s.id, s.school_id, r.lesson_date::date, r.period::int, r.subject_code, nullif(r.teacher_ref, ''),
                  r.status, nullif(r.minutes, '')::int, nullif(r.reason, ''), $3::bigint
             FROM absence_import_rows r
             JOIN students s ON s.school_id = $2 AND s.external_ref = r.student_ref
            WHERE r.import_id = $1 AND NOT (r.line_no = ANY($4::int[]))
            ORDER BY s.id, r.lesson_date::date, r.period::int, r.line_no DESC
           ON CONFLICT (student_id, lesson_date, period) DO UPDATE
              SET subject_code = EXCLUDED.subject_code, teacher_ref = EXCLUDED.teacher_ref, status = EXCLUDED.status,
                  minutes = EXCLUDED.minutes, reason = EXCLUDED.reason, import_seq = EXCLUDED.import_seq,
                  updated_at = now()
            WHERE a.import_seq <= EXCLUDED.import_seq
              AND (a.subject_code, a.teacher_ref, a.status, a.minutes, a.reason)
                  IS DISTINCT FROM (EXCLUDED.subject_code, EXCLUDED.teacher_ref, EXCLUDED.status, EXCLUDED.minutes, EXCLUDED.reason)
           RETURNING a.student_id`,
          [importId, imp.school_id, imp.seq, [...badLines]],
        ),
      );
      const valid = total - badLines.size;
      await finish('applied', changed.length, valid - changed.length);
      return {
        status: 'applied',
        rowsApplied: changed.length,
        rowsRejected: badLines.size,
        changedStudentIds: [...new Set(changed.map((c) => c.student_id))].sort(),
      };
    });
  }

  /** Imports still `received` after this many minutes: their workflow never started. Oldest first. */
  async strandedImports(olderThanMinutes: number): Promise<{ importId: string; schoolId: string }[]> {
    const rows = (await this.dataSource.query(
      `SELECT id, school_id FROM absence_imports
        WHERE status = 'received' AND created_at < now() - make_interval(mins => $1::int)
        ORDER BY seq LIMIT 1000`,
      [olderThanMinutes],
    )) as { id: string; school_id: string }[];
    return rows.map((r) => ({ importId: r.id, schoolId: r.school_id }));
  }

  /** Records what detection did for the import and marks it finished. */
  async finishImport(
    importId: string,
    counts: { studentsEvaluated: number; signalsFired: number; casesOpened: number },
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE absence_imports SET students_evaluated = $2, signals_fired = $3, cases_opened = $4,
              finished_at = coalesce(finished_at, now()), updated_at = now()
        WHERE id = $1`,
      [importId, counts.studentsEvaluated, counts.signalsFired, counts.casesOpened],
    );
  }

  /** Everything detection needs for these students, records from `yearStart` to `asOf`, in one pass. */
  async loadForDetection(
    studentIds: readonly string[],
    yearStart: LocalDate,
    asOf: LocalDate,
  ): Promise<StudentForDetection[]> {
    if (studentIds.length === 0) return [];
    const students = (await this.dataSource.query(
      `SELECT s.id, s.school_id, s.contact_teacher_id, s.concern_profile,
              EXISTS (SELECT 1 FROM cases c WHERE c.student_id = s.id AND c.status <> 'closed') AS has_open_case,
              (SELECT count(*)::int FROM cases c WHERE c.student_id = s.id) AS case_count,
              EXISTS (SELECT 1 FROM absence_case_proposals p WHERE p.student_id = s.id AND p.status = 'pending')
                AS has_pending_proposal
         FROM students s WHERE s.id = ANY($1::uuid[]) ORDER BY s.id`,
      [studentIds],
    )) as {
      id: string;
      school_id: string;
      contact_teacher_id: string;
      concern_profile: StudentConcernProfileLike | null;
      has_open_case: boolean;
      case_count: number;
      has_pending_proposal: boolean;
    }[];
    const records = (await this.dataSource.query(
      `SELECT student_id, to_char(lesson_date, 'YYYY-MM-DD') AS date, period, subject_code, teacher_ref, status, minutes, reason
         FROM lesson_attendance
        WHERE student_id = ANY($1::uuid[]) AND lesson_date BETWEEN $2::date AND $3::date`,
      [studentIds, yearStart, asOf],
    )) as {
      student_id: string;
      date: string;
      period: number;
      subject_code: string;
      teacher_ref: string | null;
      status: LessonRecord['status'];
      minutes: number | null;
      reason: LessonRecord['reason'];
    }[];
    const signals = (await this.dataSource.query(
      `SELECT DISTINCT ON (student_id, trigger) student_id, trigger, kind, crossing
         FROM absence_signals WHERE student_id = ANY($1::uuid[])
        ORDER BY student_id, trigger, crossing DESC, (kind = 'cleared') DESC`,
      [studentIds],
    )) as { student_id: string; trigger: ConcernTrigger; kind: SignalKind; crossing: number }[];
    const byStudent = new Map<string, LessonRecord[]>();
    for (const r of records) {
      const list = byStudent.get(r.student_id) ?? [];
      list.push({
        date: r.date,
        period: r.period,
        subjectCode: r.subject_code,
        teacherRef: r.teacher_ref,
        status: r.status,
        minutes: r.minutes,
        reason: r.reason,
      });
      byStudent.set(r.student_id, list);
    }
    return students.map((s) => {
      const own = signals.filter((g) => g.student_id === s.id);
      return {
        studentId: s.id,
        schoolId: s.school_id,
        contactTeacherId: s.contact_teacher_id,
        concernProfile: s.concern_profile,
        hasOpenCase: s.has_open_case,
        hasPendingProposal: s.has_pending_proposal,
        caseCount: s.case_count,
        records: byStudent.get(s.id) ?? [],
        signals: Object.fromEntries(own.map((g) => [g.trigger, g.kind])),
        crossings: Object.fromEntries(own.map((g) => [g.trigger, g.crossing])),
      };
    });
  }

  /** Appends signals (ids are deterministic: a re-run inserts nothing) and upserts the students' figures. */
  async recordDetection(
    signals: readonly NewSignal[],
    figures: readonly (FiguresRow & { schoolId: string })[],
    proposals: readonly NewProposal[] = [],
  ): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await insertProposals(m, proposals);
      for (const s of signals) {
        await m.query(
          `INSERT INTO absence_signals (id, student_id, school_id, trigger, kind, crossing, outcome, case_id, import_id,
                                        run_key, evaluated_on, figures, pattern)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13::jsonb) ON CONFLICT (id) DO NOTHING`,
          [
            s.id,
            s.studentId,
            s.schoolId,
            s.trigger,
            s.kind,
            s.crossing,
            s.outcome,
            s.caseId,
            s.importId,
            s.runKey,
            s.evaluatedOn,
            JSON.stringify(s.figures),
            JSON.stringify(s.pattern),
          ],
        );
      }
      for (const f of figures) {
        await m.query(
          `INSERT INTO student_absence_figures (student_id, school_id, evaluated_on, figures, pattern, concerning)
           VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6::text[])
           ON CONFLICT (student_id) DO UPDATE SET evaluated_on = EXCLUDED.evaluated_on, figures = EXCLUDED.figures,
             pattern = EXCLUDED.pattern, concerning = EXCLUDED.concerning, updated_at = now()`,
          [
            f.studentId,
            f.schoolId,
            f.evaluatedOn,
            JSON.stringify(f.figures),
            JSON.stringify(f.pattern),
            f.concerning,
          ],
        );
      }
    });
  }

  /** Signals of this detection run that opened a case (a retried run finds them again). */
  async caseOpeningSignals(runKey: string): Promise<StoredSignal[]> {
    const rows = (await this.dataSource.query(
      `SELECT * FROM absence_signals WHERE run_key = $1 AND outcome = 'case-opened' ORDER BY student_id, trigger`,
      [runKey],
    )) as SignalRow[];
    return rows.map(signalFromRow);
  }

  async signalsOfStudent(studentId: string): Promise<StoredSignal[]> {
    const rows = (await this.dataSource.query(
      `SELECT * FROM absence_signals WHERE student_id = $1 ORDER BY created_at, id`,
      [studentId],
    )) as SignalRow[];
    return rows.map(signalFromRow);
  }

  /** Students with records at the school whose figures were last computed before `asOf` (their window moved). */
  async studentsDueForDetection(
    schoolId: string | null,
    asOf: LocalDate,
    yearStart: LocalDate,
  ): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT a.student_id FROM lesson_attendance a
         LEFT JOIN student_absence_figures f ON f.student_id = a.student_id
        WHERE ($1::uuid IS NULL OR a.school_id = $1) AND a.lesson_date BETWEEN $3::date AND $2::date
          AND (f.student_id IS NULL OR f.evaluated_on < $2::date)
        ORDER BY 1`,
      [schoolId, asOf, yearStart],
    )) as { student_id: string }[];
    return rows.map((r) => r.student_id);
  }

  /** The school's overview rows: every student, their figures (null before any import), open case, last signal. */
  async overview(schoolId: string): Promise<
    {
      studentId: string;
      className: string;
      contactTeacherId: string;
      figures: AbsenceFigures | null;
      pattern: AbsencePattern | null;
      concerning: ConcernTrigger[];
      openCaseId: string | null;
      lastSignalAt: string | null;
    }[]
  > {
    const rows = (await this.dataSource.query(
      `SELECT s.id, s.class_name, s.contact_teacher_id, f.figures, f.pattern, coalesce(f.concerning, '{}') AS concerning,
              (SELECT c.case_id FROM cases c WHERE c.student_id = s.id AND c.status <> 'closed' LIMIT 1) AS open_case_id,
              (SELECT max(g.created_at) FROM absence_signals g WHERE g.student_id = s.id AND g.kind = 'fired') AS last_signal_at
         FROM students s LEFT JOIN student_absence_figures f ON f.student_id = s.id
        WHERE s.school_id = $1
        ORDER BY s.class_name, s.id`,
      [schoolId],
    )) as {
      id: string;
      class_name: string;
      contact_teacher_id: string;
      figures: AbsenceFigures | null;
      pattern: AbsencePattern | null;
      concerning: ConcernTrigger[];
      open_case_id: string | null;
      last_signal_at: Date | null;
    }[];
    return rows.map((r) => ({
      studentId: r.id,
      className: r.class_name,
      contactTeacherId: r.contact_teacher_id,
      figures: r.figures,
      pattern: r.pattern,
      concerning: r.concerning,
      openCaseId: r.open_case_id,
      lastSignalAt: r.last_signal_at ? r.last_signal_at.toISOString() : null,
    }));
  }
}

interface SignalRow {
  id: string;
  student_id: string;
  school_id: string;
  trigger: ConcernTrigger;
  kind: SignalKind;
  crossing: number;
  outcome: SignalOutcome | null;
  case_id: string | null;
  import_id: string | null;
  run_key: string;
  evaluated_on: Date | string;
  figures: AbsenceFigures;
  pattern: AbsencePattern;
  created_at: Date;
}

function signalFromRow(r: SignalRow): StoredSignal {
  return {
    id: r.id,
    studentId: r.student_id,
    schoolId: r.school_id,
    trigger: r.trigger,
    kind: r.kind,
    crossing: r.crossing,
    outcome: r.outcome,
    caseId: r.case_id,
    importId: r.import_id,
    runKey: r.run_key,
    evaluatedOn: typeof r.evaluated_on === 'string' ? r.evaluated_on : localDateOf(r.evaluated_on),
    figures: r.figures,
    pattern: r.pattern,
    createdAt: r.created_at.toISOString(),
  };
}

// node-postgres reads a date column as local midnight.
function localDateOf(d: Date): LocalDate {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function importFromRow(r: ImportRow): AbsenceImport {
  return {
    id: r.id,
    schoolId: r.school_id,
    source: r.source,
    mode: r.mode,
    status: r.status,
    submittedBy: r.submitted_by,
    rowsRead: r.rows_read,
    rowsApplied: r.rows_applied,
    rowsUnchanged: r.rows_unchanged,
    rowsRejected: r.rows_rejected,
    studentsEvaluated: r.students_evaluated,
    signalsFired: r.signals_fired,
    casesOpened: r.cases_opened,
    errors: r.errors,
    errorCount: r.error_count,
    unknownStudentRefs: r.unknown_student_refs,
    createdAt: r.created_at.toISOString(),
    finishedAt: r.finished_at ? r.finished_at.toISOString() : null,
  };
}
