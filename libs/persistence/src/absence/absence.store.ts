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
  AttendanceDay,
  ConcernTrigger,
  LocalDate,
  SignalKind,
  SignalOutcome,
  SignalStates,
} from '@tiltak/domain';
import type { StudentConcernProfile as StudentConcernProfileLike } from '../directory/directory.types';
import { accessLogInsert } from '../access-log/access-log.store';
import type { AccessLogInput } from '../access-log/access-log.types';
import { insertProposals, type NewProposal } from './proposal.store';
import {
  DAY_COUNT_COLUMNS,
  DAY_LESSON_COLUMNS,
  dayCountsOfLessons,
  dayFromStored,
  type StoredDayTuple,
} from './attendance-days';

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

/** The error of an import whose staged rows a crash of PostgreSQL emptied: the file must be sent again. */
export const STAGING_LOST_FIELD = '(fil)';
export const STAGING_LOST_MESSAGE =
  'filen gikk tapt da databasen startet på nytt før den ble lest inn; send den inn på nytt';

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

/** Called with each phase's wall time in milliseconds (the worker logs them; bench/ reads them). */
export type PhaseTimer = (phase: string, ms: number) => void;

export interface StudentForDetection {
  studentId: string;
  schoolId: string;
  contactTeacherId: string;
  concernProfile: StudentConcernProfileLike | null;
  hasOpenCase: boolean;
  /** A proposed case (propose mode) waits for the contact teacher. */
  hasPendingProposal: boolean;
  caseCount: number;
  /** The student's days from the school year's start to the day evaluated. */
  days: AttendanceDay[];
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

/**
 * The columns a staged row's checks read, in GROUPING() order, and the grouping sets the checks run
 * on: each field's distinct values (the pairs where a check reads two fields), not every row. A
 * school year has millions of rows but a few hundred dates, six periods, five statuses: checking the
 * distinct values is one scan of staging, and only when one is bad are its lines looked up.
 */
const CHECKED_COLUMNS = [
  'student_ref',
  'lesson_date',
  'period',
  'subject_code',
  'teacher_ref',
  'status',
  'minutes',
  'reason',
  'shape_error',
] as const;
type CheckedColumn = (typeof CHECKED_COLUMNS)[number];

/** GROUPING(...) of a set: a bit per column, 1 where the column is not in the set (first column highest). */
function groupingOf(set: readonly CheckedColumn[]): number {
  return CHECKED_COLUMNS.reduce(
    (mask, column, i) => (set.includes(column) ? mask : mask | (1 << (CHECKED_COLUMNS.length - 1 - i))),
    0,
  );
}

/** Each check: the field it names, the columns whose distinct values it reads, the Norwegian message. */
const VALUE_CHECKS: { field: string; set: CheckedColumn[]; message: string }[] = [
  { field: '(rad)', set: ['shape_error'], message: `v.shape_error` },
  {
    field: 'student_ref',
    set: ['student_ref'],
    message: `CASE WHEN coalesce(v.student_ref, '') = '' THEN 'mangler'
                   WHEN NOT EXISTS (SELECT 1 FROM students s WHERE s.school_id = $2 AND s.external_ref = v.student_ref)
                     THEN 'ukjent elevreferanse ved denne skolen' END`,
  },
  {
    field: 'date',
    set: ['lesson_date'],
    message: `CASE WHEN coalesce(v.lesson_date, '') = '' THEN 'mangler'
                   WHEN v.lesson_date !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' OR NOT pg_input_is_valid(v.lesson_date, 'date')
                     THEN 'må være en dato (ÅÅÅÅ-MM-DD)'
                   WHEN v.lesson_date::date > (now() AT TIME ZONE 'Europe/Oslo')::date THEN 'ligger fram i tid' END`,
  },
  {
    field: 'period',
    set: ['period'],
    message: `CASE WHEN coalesce(v.period, '') = '' THEN 'mangler'
                   WHEN v.period !~ '^[0-9]{1,2}$' OR v.period::int NOT BETWEEN 1 AND 20
                     THEN 'må være et heltall fra 1 til 20' END`,
  },
  {
    field: 'subject',
    set: ['subject_code'],
    message: `CASE WHEN coalesce(v.subject_code, '') = '' THEN 'mangler'
                   WHEN length(v.subject_code) > 32 THEN 'er lengre enn 32 tegn' END`,
  },
  {
    field: 'teacher_ref',
    set: ['teacher_ref'],
    message: `CASE WHEN length(v.teacher_ref) > 64 THEN 'er lengre enn 64 tegn' END`,
  },
  {
    field: 'status',
    set: ['status', 'minutes'],
    message: `CASE WHEN coalesce(v.status, '') = '' THEN 'mangler'
                   WHEN v.status NOT IN ('present', 'absent', 'late', 'left-early', 'present-not-in-class')
                     THEN 'må være present, absent, late, left-early eller present-not-in-class' END`,
  },
  {
    field: 'minutes',
    set: ['status', 'minutes'],
    message: `CASE WHEN coalesce(v.minutes, '') <> '' AND (v.minutes !~ '^[0-9]{1,3}$' OR v.minutes::int NOT BETWEEN 1 AND 600)
                     THEN 'må være et heltall fra 1 til 600'
                   WHEN v.status = 'late' AND coalesce(v.minutes, '') = '' THEN 'mangler (påkrevd for late)'
                   WHEN coalesce(v.minutes, '') <> '' AND v.status IN ('present', 'absent', 'present-not-in-class')
                     THEN 'brukes bare for late og left-early' END`,
  },
  {
    field: 'reason',
    set: ['status', 'reason'],
    message: `CASE WHEN coalesce(v.reason, '') <> '' AND v.reason NOT IN ('illness', 'appointment', 'permission', 'unknown')
                     THEN 'må være illness, appointment, permission eller unknown'
                   WHEN coalesce(v.reason, '') <> '' AND v.status IN ('present', 'present-not-in-class')
                     THEN 'brukes ikke når eleven er til stede' END`,
  },
];

const GROUPING_SETS = [...new Map(VALUE_CHECKS.map((c) => [groupingOf(c.set), c.set])).values()];

/** The bad distinct values: one scan of the import's staged rows. */
const BAD_VALUES_SQL = `
  WITH v AS (
    SELECT ${CHECKED_COLUMNS.join(', ')}, GROUPING(${CHECKED_COLUMNS.join(', ')}) AS gs
      FROM absence_import_rows
     WHERE import_id = $1
     GROUP BY GROUPING SETS (${GROUPING_SETS.map((set) => `(${set.join(', ')})`).join(', ')})
  )
  SELECT * FROM (
    ${VALUE_CHECKS.map(
      (c, i) =>
        `SELECT ${i} AS check_no, ${CHECKED_COLUMNS.map((col) => `v.${col}`).join(', ')}, (${c.message}) AS message
           FROM v WHERE v.gs = ${groupingOf(c.set)}`,
    ).join(' UNION ALL ')}
  ) bad WHERE message IS NOT NULL`;

/** The periods' columns a file brings (the import seq is the import's own). */
const FILE_LESSON_COLUMNS = DAY_LESSON_COLUMNS.filter((c) => c.column !== 'import_seqs');
/** A period's values: a period is changed when one of them is. */
const VALUE_FIELDS = FILE_LESSON_COLUMNS.filter((c) => c.field !== 'period').map((c) => c.field);
/** What apply writes of a day: the counts, then the periods' arrays. */
const DAY_COLUMNS = [...DAY_COUNT_COLUMNS, ...DAY_LESSON_COLUMNS.map((c) => c.column)];

interface BadValue extends Record<CheckedColumn, string | null> {
  check_no: number;
  message: string;
}

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
  async apply(importId: string, onPhase: PhaseTimer = () => undefined): Promise<ApplyResult> {
    return this.dataSource.transaction(async (m) => {
      let mark = performance.now();
      const lap = (phase: string) => {
        const now = performance.now();
        onPhase(phase, now - mark);
        mark = now;
      };
      const [imp] = (await m.query(
        `SELECT school_id, mode, status, seq, rows_read FROM absence_imports WHERE id = $1 FOR UPDATE`,
        [importId],
      )) as { school_id: string; mode: ImportMode; status: ImportStatus; seq: string; rows_read: number }[];
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

      // Staging is UNLOGGED (ADR 0017): a crash of PostgreSQL empties it. An import received before
      // the crash and not yet applied then has no staged rows; it is refused, never applied as empty.
      const [staged] = (await m.query(
        `SELECT EXISTS (SELECT 1 FROM absence_import_rows WHERE import_id = $1) AS present`,
        [importId],
      )) as { present: boolean }[];
      const lost = Number(imp.rows_read) > 0 && !staged?.present;

      // Sorting and hashing millions of staged rows: room for them in memory, for this transaction only.
      await m.query(`SET LOCAL work_mem = '128MB'`);
      const badValues = lost
        ? []
        : ((await m.query(BAD_VALUES_SQL, [importId, imp.school_id])) as BadValue[]);
      const errors: RowError[] = lost
        ? [{ line: 1, field: STAGING_LOST_FIELD, message: STAGING_LOST_MESSAGE }]
        : badValues.length > 0
          ? await this.rowErrors(m, importId, badValues)
          : [];
      const unknownRefs = badValues
        .filter((b) => VALUE_CHECKS[b.check_no]?.field === 'student_ref' && b.student_ref)
        .map((b) => b.student_ref as string)
        .sort()
        .slice(0, MAX_STORED_ERRORS);
      const badLines = new Set(errors.map((e) => e.line));
      const total = Number(imp.rows_read);
      lap('validate');

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

      if (lost || (errors.length > 0 && imp.mode === 'all-or-nothing')) {
        await finish('rejected', 0, 0);
        return { status: 'rejected', rowsApplied: 0, rowsRejected: total, changedStudentIds: [] };
      }

      // Stored by student and day (ADR 0017): the file's records grouped into days once, each merged
      // with the stored day. A record named twice in one file: the later line is the correction. A
      // period is applied when the day has none yet, or when it differs and the stored one was not
      // written by a newer import; a day none of whose periods is applied is not rewritten. Only the
      // changed students come back (with how many of their records changed), not a row per record.
      const changed = (await m.query(
        `WITH days AS MATERIALIZED (
           -- Grouped straight from the deduplicating sort (a subquery, not a CTE, so the grouping
           -- knows its input is in order and needs no second sort or hash of millions of rows).
           SELECT i.student_id, i.lesson_date, any_value(i.school_id) AS school_id,
                  ${dayCountsOfLessons('i.status', 'i.reason')},
                  ${FILE_LESSON_COLUMNS.map((c) => `array_agg(i.${c.field} ORDER BY i.period) AS ${c.column}`).join(', ')}
             FROM (SELECT DISTINCT ON (s.id, r.lesson_date::date, r.period::smallint)
                          s.id AS student_id, s.school_id, r.lesson_date::date AS lesson_date,
                          r.period::smallint AS period, r.subject_code, nullif(r.teacher_ref, '') AS teacher_ref,
                          r.status, nullif(r.minutes, '')::smallint AS minutes, nullif(r.reason, '') AS reason
                     FROM absence_import_rows r
                     JOIN students s ON s.school_id = $2 AND s.external_ref = r.student_ref
                     LEFT JOIN unnest($4::int[]) AS bad (line) ON bad.line = r.line_no
                    WHERE r.import_id = $1 AND bad.line IS NULL
                    ORDER BY s.id, r.lesson_date::date, r.period::smallint, r.line_no DESC) AS i
            GROUP BY i.student_id, i.lesson_date
         ),
         -- Under the school's lock nobody else writes these students' days, so an update of the known
         -- ones and a plain insert of the new ones (cheaper than ON CONFLICT's speculative insertion,
         -- row by row) cannot race; both read the days as they were before this statement.
         inserted AS (
           INSERT INTO attendance_days (student_id, lesson_date, school_id, ${DAY_COLUMNS.join(', ')})
           SELECT d.student_id, d.lesson_date, d.school_id,
                  ${[...DAY_COUNT_COLUMNS, ...FILE_LESSON_COLUMNS.map((c) => c.column)].map((c) => `d.${c}`).join(', ')},
                  array_fill($3::bigint, ARRAY[d.registered])
             FROM days d
            WHERE NOT EXISTS (SELECT 1 FROM attendance_days a
                               WHERE a.student_id = d.student_id AND a.lesson_date = d.lesson_date)
            ORDER BY d.student_id, d.lesson_date
           RETURNING student_id, registered::int AS records
         ),
         -- A stored day and the file's: period by period (a full join of the two), the file's period
         -- taken where the day has none or a different one no newer import wrote.
         merged AS (
           SELECT d.student_id, d.lesson_date, m.*
             FROM days d
             JOIN attendance_days a ON a.student_id = d.student_id AND a.lesson_date = d.lesson_date
            CROSS JOIN LATERAL (
              SELECT count(*) FILTER (WHERE x.take)::int AS records, ${dayCountsOfLessons('x.status', 'x.reason')},
                     ${DAY_LESSON_COLUMNS.map((c) => `array_agg(x.${c.field} ORDER BY x.period) AS ${c.column}`).join(', ')}
                FROM (SELECT coalesce(y.n_period, y.o_period) AS period, y.take,
                             ${FILE_LESSON_COLUMNS.filter((c) => c.field !== 'period')
                               .map(
                                 (c) =>
                                   `CASE WHEN y.take THEN y.n_${c.field} ELSE y.o_${c.field} END AS ${c.field}`,
                               )
                               .join(', ')},
                             CASE WHEN y.take THEN $3::bigint ELSE y.o_import_seq END AS import_seq
                        FROM (SELECT o.*, n.*,
                                     n.n_period IS NOT NULL AND (o.o_period IS NULL OR (
                                       o.o_import_seq <= $3::bigint
                                       AND (${VALUE_FIELDS.map((f) => `o.o_${f}`).join(', ')})
                                           IS DISTINCT FROM (${VALUE_FIELDS.map((f) => `n.n_${f}`).join(', ')}))) AS take
                                FROM unnest(${DAY_LESSON_COLUMNS.map((c) => `a.${c.column}`).join(', ')})
                                       AS o (${DAY_LESSON_COLUMNS.map((c) => `o_${c.field}`).join(', ')})
                                FULL JOIN unnest(${FILE_LESSON_COLUMNS.map((c) => `d.${c.column}`).join(', ')})
                                       AS n (${FILE_LESSON_COLUMNS.map((c) => `n_${c.field}`).join(', ')})
                                  ON n.n_period = o.o_period) y) x
            ) m
            WHERE m.records > 0
         ),
         updated AS (
           UPDATE attendance_days a
              SET ${DAY_COLUMNS.map((c) => `${c} = m.${c}`).join(', ')}, updated_at = now()
             FROM merged m
            WHERE a.student_id = m.student_id AND a.lesson_date = m.lesson_date
           RETURNING a.student_id, m.records
         )
         SELECT student_id, sum(records)::int AS records
           FROM (SELECT student_id, records FROM inserted UNION ALL SELECT student_id, records FROM updated) AS changed
          GROUP BY student_id ORDER BY student_id`,
        [importId, imp.school_id, imp.seq, [...badLines]],
      )) as { student_id: string; records: number }[];
      lap('upsert');
      const changedRecords = changed.reduce((sum, c) => sum + c.records, 0);
      const valid = total - badLines.size;
      await finish('applied', changedRecords, valid - changedRecords);
      lap('clear-staging');
      return {
        status: 'applied',
        rowsApplied: changedRecords,
        rowsRejected: badLines.size,
        changedStudentIds: changed.map((c) => c.student_id),
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

  /** Every staged line holding one of the bad values, with its field and message, in line order. */
  private async rowErrors(
    m: { query: (sql: string, params?: unknown[]) => Promise<unknown> },
    importId: string,
    badValues: readonly BadValue[],
  ): Promise<RowError[]> {
    const errors: RowError[] = [];
    for (const [checkNo, check] of VALUE_CHECKS.entries()) {
      const bad = badValues.filter((b) => b.check_no === checkNo);
      if (bad.length === 0) continue;
      // The check's columns as one jsonb array per bad value: matched as a whole, NULLs included.
      const key = `jsonb_build_array(${check.set.map((c) => `r.${c}`).join(', ')})`;
      const lines = (await m.query(
        `SELECT r.line_no AS line, b.message
           FROM absence_import_rows r
           JOIN jsonb_to_recordset($2::jsonb) AS b (k jsonb, message text) ON b.k = ${key}
          WHERE r.import_id = $1`,
        [importId, JSON.stringify(bad.map((b) => ({ k: check.set.map((c) => b[c]), message: b.message })))],
      )) as { line: number; message: string }[];
      for (const l of lines) errors.push({ line: l.line, field: check.field, message: l.message });
    }
    return errors.sort((a, b) => a.line - b.line || (a.field < b.field ? -1 : a.field > b.field ? 1 : 0));
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
    onPhase: PhaseTimer = () => undefined,
  ): Promise<StudentForDetection[]> {
    if (studentIds.length === 0) return [];
    let mark = performance.now();
    const lap = (phase: string) => {
      const now = performance.now();
      onPhase(phase, now - mark);
      mark = now;
    };
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
    lap('load-students');
    // The stored days (ADR 0017), one JSON document per student: a school year's records never cross
    // the wire row by row, and nothing is summed here. One index range scan per student (the lateral
    // join), in date order: a batch is a sliver of a table holding every school's days, and freshly
    // imported statistics must not turn it into a scan of all of them.
    const dayRows = (await this.dataSource.query(
      `SELECT u.id AS student_id, y.days
         FROM unnest($1::uuid[]) AS u (id)
         CROSS JOIN LATERAL (
           SELECT json_agg(json_build_array(to_char(a.lesson_date, 'YYYY-MM-DD'), ${DAY_COUNT_COLUMNS.map((c) => `a.${c}`).join(', ')},
                                            a.subject_codes, a.teacher_refs, a.statuses) ORDER BY a.lesson_date) AS days
             FROM attendance_days a
            WHERE a.student_id = u.id AND a.lesson_date BETWEEN $2::date AND $3::date
         ) y
        WHERE y.days IS NOT NULL`,
      [studentIds, yearStart, asOf],
    )) as { student_id: string; days: StoredDayTuple[] }[];
    lap('load-days');
    const signals = (await this.dataSource.query(
      `SELECT DISTINCT ON (student_id, trigger) student_id, trigger, kind, crossing
         FROM absence_signals WHERE student_id = ANY($1::uuid[])
        ORDER BY student_id, trigger, crossing DESC, (kind = 'cleared') DESC`,
      [studentIds],
    )) as { student_id: string; trigger: ConcernTrigger; kind: SignalKind; crossing: number }[];
    lap('load-signals');
    const byStudent = new Map(dayRows.map((r) => [r.student_id, r.days.map(dayFromStored)]));
    const result = students.map((s) => {
      const own = signals.filter((g) => g.student_id === s.id);
      return {
        studentId: s.id,
        schoolId: s.school_id,
        contactTeacherId: s.contact_teacher_id,
        concernProfile: s.concern_profile,
        hasOpenCase: s.has_open_case,
        hasPendingProposal: s.has_pending_proposal,
        caseCount: s.case_count,
        days: byStudent.get(s.id) ?? [],
        signals: Object.fromEntries(own.map((g) => [g.trigger, g.kind])),
        crossings: Object.fromEntries(own.map((g) => [g.trigger, g.crossing])),
      };
    });
    lap('load-map');
    return result;
  }

  /** Appends signals (ids are deterministic: a re-run inserts nothing) and upserts the students' figures. */
  async recordDetection(
    signals: readonly NewSignal[],
    figures: readonly (FiguresRow & { schoolId: string })[],
    proposals: readonly NewProposal[] = [],
  ): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await insertProposals(m, proposals);
      // One statement each for the whole batch: a round trip per student was most of detection's time.
      if (signals.length > 0) {
        await m.query(
          `INSERT INTO absence_signals (id, student_id, school_id, trigger, kind, crossing, outcome, case_id, import_id,
                                        run_key, evaluated_on, figures, pattern)
           SELECT x.id, x.student_id, x.school_id, x.trigger, x.kind, x.crossing, x.outcome, x.case_id, x.import_id,
                  x.run_key, x.evaluated_on, x.figures, x.pattern
             FROM jsonb_to_recordset($1::jsonb) AS x (id text, student_id uuid, school_id uuid, trigger text, kind text,
                  crossing int, outcome text, case_id uuid, import_id uuid, run_key text, evaluated_on date,
                  figures jsonb, pattern jsonb)
            ORDER BY x.id
           ON CONFLICT (id) DO NOTHING`,
          [
            JSON.stringify(
              signals.map((g) => ({
                id: g.id,
                student_id: g.studentId,
                school_id: g.schoolId,
                trigger: g.trigger,
                kind: g.kind,
                crossing: g.crossing,
                outcome: g.outcome,
                case_id: g.caseId,
                import_id: g.importId,
                run_key: g.runKey,
                evaluated_on: g.evaluatedOn,
                figures: g.figures,
                pattern: g.pattern,
              })),
            ),
          ],
        );
      }
      if (figures.length > 0) {
        await m.query(
          `INSERT INTO student_absence_figures (student_id, school_id, evaluated_on, figures, pattern, concerning)
           SELECT x.student_id, x.school_id, x.evaluated_on, x.figures, x.pattern,
                  ARRAY(SELECT jsonb_array_elements_text(x.concerning))
             FROM jsonb_to_recordset($1::jsonb) AS x (student_id uuid, school_id uuid, evaluated_on date,
                  figures jsonb, pattern jsonb, concerning jsonb)
            ORDER BY x.student_id
           ON CONFLICT (student_id) DO UPDATE SET evaluated_on = EXCLUDED.evaluated_on, figures = EXCLUDED.figures,
             pattern = EXCLUDED.pattern, concerning = EXCLUDED.concerning, updated_at = now()`,
          [
            JSON.stringify(
              figures.map((f) => ({
                student_id: f.studentId,
                school_id: f.schoolId,
                evaluated_on: f.evaluatedOn,
                figures: f.figures,
                pattern: f.pattern,
                concerning: f.concerning,
              })),
            ),
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
      `SELECT s.id AS student_id FROM students s
         LEFT JOIN student_absence_figures f ON f.student_id = s.id
        WHERE ($1::uuid IS NULL OR s.school_id = $1) AND (f.student_id IS NULL OR f.evaluated_on < $2::date)
          AND EXISTS (SELECT 1 FROM attendance_days a
                       WHERE a.student_id = s.id AND a.lesson_date BETWEEN $3::date AND $2::date)
        ORDER BY 1`,
      [schoolId, asOf, yearStart],
    )) as { student_id: string }[];
    return rows.map((r) => r.student_id);
  }

  /**
   * One student's figures and what they flag, as `overview` has them for that student (null before any
   * import, or when the student is not at the school), with the access-log row of the read written in
   * the same statement: one round trip, and no figures read without the row (a case page's "absence now").
   */
  async studentFiguresLogged(
    access: AccessLogInput,
    schoolId: string,
    studentId: string,
  ): Promise<{ figures: AbsenceFigures; concerning: ConcernTrigger[] } | null> {
    const logged = accessLogInsert(access, 3);
    const rows = (await this.dataSource.query(
      `WITH logged AS (${logged.sql})
       SELECT f.figures, f.concerning
         FROM students s JOIN student_absence_figures f ON f.student_id = s.id
        WHERE s.id = $2 AND s.school_id = $1`,
      [schoolId, studentId, ...logged.params],
    )) as { figures: AbsenceFigures; concerning: ConcernTrigger[] }[];
    const [row] = rows;
    return row ? { figures: row.figures, concerning: row.concerning } : null;
  }

  /**
   * The school's overview rows: every student, their figures (null before any import), open case, last signal.
   * With a student id, that student's row only (a case page's "absence now").
   */
  async overview(
    schoolId: string,
    studentId: string | null = null,
  ): Promise<
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
        WHERE s.school_id = $1 AND ($2::uuid IS NULL OR s.id = $2)
        ORDER BY s.class_name, s.id`,
      [schoolId, studentId],
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
