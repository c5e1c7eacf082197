// Test-only import: infra code may not depend on the testing lib, but its specs need it.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { withPgClient } from '@tiltak/testing';
import { randomUUID } from 'node:crypto';
import { createDataSource, runMigrations } from '../data-source';
import { emptyTestDatabase } from '../testing/test-database';

// An installation that imported before ADR 0017 has its lessons in lesson_attendance: they move into
// days (counts summed, each period with the seq of the import that wrote it), and back on a revert.
describe('AttendanceDays1764720000000', () => {
  it('moves every lesson into its student-day, counts summed, and back again when reverted', async () => {
    const db = await emptyTestDatabase();
    await runMigrations(db.migrationUrl, { appRole: db.appRole });
    const owner = createDataSource(db.migrationUrl, { applicationName: 'migration-spec' });
    await owner.initialize();
    await owner.undoLastMigration({ transaction: 'all' });
    const [student, school] = [randomUUID(), randomUUID()];
    const lessons = [
      ['2026-10-05', 1, 'MAT', 'T-1', 'present', null, null, 3],
      ['2026-10-05', 2, 'NOR', null, 'absent', null, 'appointment', 3],
      ['2026-10-05', 3, 'NOR', 'T-2', 'late', 12, 'unknown', 4],
      ['2026-10-05', 10, 'ENG', 'T-3', 'left-early', 20, 'permission', 4],
      ['2026-10-06', 1, 'MAT', 'T-1', 'present-not-in-class', null, null, 4],
      ['2026-10-06', 2, 'MAT', 'T-1', 'absent', null, 'illness', 4],
    ] as const;
    for (const [date, period, subject, teacher, status, minutes, reason, seq] of lessons) {
      await owner.query(
        `INSERT INTO lesson_attendance (student_id, school_id, lesson_date, period, subject_code, teacher_ref, status,
                                        minutes, reason, import_seq)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [student, school, date, period, subject, teacher, status, minutes, reason, seq],
      );
    }
    const before = (await owner.query(
      `SELECT to_char(lesson_date, 'YYYY-MM-DD') AS date, period, subject_code, teacher_ref, status, minutes, reason,
              import_seq::int AS seq
         FROM lesson_attendance ORDER BY 1, 2`,
    )) as unknown[];
    await owner.destroy();

    await runMigrations(db.migrationUrl, { appRole: db.appRole });
    const days = await withPgClient(db.migrationUrl, async (c) => {
      const { rows } = await c.query(
        `SELECT to_char(lesson_date, 'YYYY-MM-DD') AS date, school_id, registered, absent, late, left_early,
                not_in_class, appointment, periods, subject_codes, teacher_refs, statuses, minutes, reasons,
                import_seqs,
                to_regclass('lesson_attendance') IS NULL AS lessons_table_gone
           FROM attendance_days WHERE student_id = $1 ORDER BY lesson_date`,
        [student],
      );
      return rows;
    });
    expect(days).toEqual([
      {
        date: '2026-10-05',
        school_id: school,
        registered: 4,
        absent: 1,
        late: 1,
        left_early: 1,
        not_in_class: 0,
        appointment: 1,
        periods: [1, 2, 3, 10],
        subject_codes: ['MAT', 'NOR', 'NOR', 'ENG'],
        teacher_refs: ['T-1', null, 'T-2', 'T-3'],
        statuses: ['present', 'absent', 'late', 'left-early'],
        minutes: [null, null, 12, 20],
        reasons: [null, 'appointment', 'unknown', 'permission'],
        import_seqs: ['3', '3', '4', '4'],
        lessons_table_gone: true,
      },
      {
        date: '2026-10-06',
        school_id: school,
        registered: 2,
        absent: 1,
        late: 0,
        left_early: 0,
        not_in_class: 1,
        appointment: 0,
        periods: [1, 2],
        subject_codes: ['MAT', 'MAT'],
        teacher_refs: ['T-1', 'T-1'],
        statuses: ['present-not-in-class', 'absent'],
        minutes: [null, null],
        reasons: [null, 'illness'],
        import_seqs: ['4', '4'],
        lessons_table_gone: true,
      },
    ]);

    const reverting = createDataSource(db.migrationUrl, { applicationName: 'migration-spec' });
    await reverting.initialize();
    try {
      await reverting.undoLastMigration({ transaction: 'all' });
      expect(
        await reverting.query(
          `SELECT to_char(lesson_date, 'YYYY-MM-DD') AS date, period, subject_code, teacher_ref, status, minutes,
                  reason, import_seq::int AS seq
             FROM lesson_attendance ORDER BY 1, 2`,
        ),
      ).toEqual(before);
    } finally {
      await reverting.destroy();
    }
  });
});
