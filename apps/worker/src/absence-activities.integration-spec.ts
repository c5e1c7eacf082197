// The absence activities against a real PostgreSQL as the application role: applying twice changes
// nothing, and a detection retried after it stored its signals returns the same case to open (the
// same deterministic case id) without writing a signal twice.
import { Readable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import {
  addDays,
  attendanceDays,
  evaluateAbsence,
  evaluateAttendance,
  osloDate,
  type AttendanceDay,
} from '@tiltak/domain';
import {
  SYNTHETIC_PATTERNS,
  generateAttendance,
  schoolDaysBetween,
  seededRandom,
  type GeneratedRecord,
} from '@tiltak/domain/testing';
import {
  AbsenceStore,
  DirectoryRepository,
  ProposalStore,
  proposalIdFor,
  InstallationStore,
  STAGING_FIELDS,
  STAGING_LOST_FIELD,
  STAGING_LOST_MESSAGE,
  caseIdFor,
  createDataSource,
  runMigrations,
} from '@tiltak/persistence';
import { createTestDatabase } from '@tiltak/testing';
import type { DataSource } from 'typeorm';
import { createAbsenceActivities } from './absence-activities';

jest.setTimeout(60_000);

let db: DataSource;
let store: AbsenceStore;
const today = osloDate(new Date().toISOString());
const days = schoolDaysBetween(addDays(today, -27), today);

beforeAll(async () => {
  const test = await createTestDatabase('absence');
  await runMigrations(test.migrationUrl, { appRole: test.appRole });
  db = createDataSource(test.url);
  await db.initialize();
  store = new AbsenceStore(db);
});
afterAll(async () => db?.destroy());

async function seedStudent(ref: string) {
  const directory = new DirectoryRepository(db);
  const school = await directory.upsertSchool({ name: 'Testskole', municipality: 'Testkommune' });
  const teacher = await directory.upsertStaff({
    displayName: 'Test Lærer',
    email: `${randomUUID()}@example.no`,
    role: 'contact-teacher',
    schoolId: school.id,
  });
  const student = await createStudent(directory, school.id, teacher.id, ref);
  return { school, teacher, student };
}

function createStudent(
  directory: DirectoryRepository,
  schoolId: string,
  teacherId: string,
  externalRef: string,
) {
  return directory.createStudent({
    schoolId,
    className: '5A',
    contactTeacherId: teacherId,
    givenName: 'Test',
    familyName: 'Elev',
    externalRef,
  });
}

/** More students of that school and teacher, by their school-system reference: their ids by reference. */
async function studentsWithRefs(
  schoolId: string,
  teacherId: string,
  refs: readonly { studentRef: string }[],
): Promise<Map<string, string>> {
  const directory = new DirectoryRepository(db);
  const ids = new Map<string, string>();
  for (const { studentRef } of refs)
    ids.set(studentRef, (await createStudent(directory, schoolId, teacherId, studentRef)).id);
  return ids;
}

/** COPY text rows: every lesson of every day, whole days absent on the given indexes. */
function rows(importId: string, ref: string, absentDays: number[]): Readable {
  let line = 1;
  const out: string[] = [];
  days.forEach((date, i) => {
    for (let period = 1; period <= 6; period++) {
      const absent = absentDays.includes(i);
      const values: Record<(typeof STAGING_FIELDS)[number], string> = {
        student_ref: ref,
        lesson_date: date,
        period: String(period),
        subject_code: 'MAT',
        teacher_ref: '',
        status: absent ? 'absent' : 'present',
        minutes: '',
        reason: absent ? 'illness' : '',
      };
      out.push(`${[importId, String(++line), ...STAGING_FIELDS.map((f) => values[f]), '\\N'].join('\t')}\n`);
    }
  });
  return Readable.from(out);
}

it('applies once, and a retried detection returns the same opening without a second signal', async () => {
  const { school, teacher, student } = await seedStudent('R-1');
  const activities = createAbsenceActivities({
    absence: store,
    installation: new InstallationStore(db),
    proposals: new ProposalStore(db),
  });
  const importId = randomUUID();
  await store.receive(
    { id: importId, schoolId: school.id, source: 'csv', mode: 'all-or-nothing', submittedBy: null },
    rows(importId, 'R-1', [1, 6, 12]),
  );
  const applied = await activities.applyAbsenceImport({ importId });
  expect(applied).toEqual({
    status: 'applied',
    rowsApplied: days.length * 6,
    rowsRejected: 0,
    changedStudentIds: [student.id],
  });
  // A retried apply (the activity's result was lost) changes nothing and evaluates nobody again.
  expect(await activities.applyAbsenceImport({ importId })).toMatchObject({
    status: 'applied',
    changedStudentIds: [],
  });

  const first = await activities.detectAbsenceConcerns({ studentIds: [student.id], importId, asOf: today });
  const caseId = caseIdFor(await new InstallationStore(db).id(), student.id, 0);
  expect(first).toMatchObject({
    studentsEvaluated: 1,
    signalsFired: 1,
    openings: [{ caseId, studentId: student.id, ownerStaffId: teacher.id, trigger: 'absence-percentage' }],
  });
  const retried = await activities.detectAbsenceConcerns({ studentIds: [student.id], importId, asOf: today });
  expect(retried.signalsFired).toBe(0);
  expect(retried.openings).toEqual([
    expect.objectContaining({ caseId, trigger: 'absence-percentage', ownerStaffId: teacher.id }),
  ]);
  const [row] = (await db.query(`SELECT count(*)::int AS n FROM absence_signals WHERE student_id = $1`, [
    student.id,
  ])) as { n: number }[];
  expect(row?.n).toBe(1);
  // Append-only, even for the owner's application role.
  await expect(db.query(`UPDATE absence_signals SET kind = 'cleared'`)).rejects.toThrow();
  await expect(db.query(`DELETE FROM absence_signals`)).rejects.toThrow();
});

describe('propose mode (ADR 0015)', () => {
  it('proposes instead of opening, once across retries, and keeps each decision append-only', async () => {
    const { school, teacher, student } = await seedStudent('P-1');
    const proposals = new ProposalStore(db);
    const installation = new InstallationStore(db);
    const activities = createAbsenceActivities({ absence: store, installation, proposals, mode: 'propose' });
    const importId = randomUUID();
    await store.receive(
      { id: importId, schoolId: school.id, source: 'csv', mode: 'all-or-nothing', submittedBy: null },
      rows(importId, 'P-1', [1, 6, 12]),
    );
    await activities.applyAbsenceImport({ importId });

    const first = await activities.detectAbsenceConcerns({ studentIds: [student.id], importId, asOf: today });
    const signal = `${student.id}:absence-percentage:fired:1`;
    const proposalId = proposalIdFor(await installation.id(), signal);
    expect(first).toMatchObject({ signalsFired: 1, openings: [], proposalIds: [proposalId] });
    // A retry after the signals were stored finds the same proposal to notify, and writes nothing new.
    const retried = await activities.detectAbsenceConcerns({
      studentIds: [student.id],
      importId,
      asOf: today,
    });
    expect(retried).toMatchObject({ signalsFired: 0, openings: [], proposalIds: [proposalId] });
    const [signalRow] = (await db.query(`SELECT outcome, case_id FROM absence_signals WHERE id = $1`, [
      signal,
    ])) as { outcome: string; case_id: string | null }[];
    expect(signalRow).toEqual({ outcome: 'case-proposed', case_id: null });

    const pending = await proposals.get(proposalId);
    expect(pending).toMatchObject({
      status: 'pending',
      studentId: student.id,
      contactTeacherId: teacher.id,
      trigger: 'absence-percentage',
      caseId: null,
      decision: null,
      detection: { triggers: ['absence-percentage'], signalIds: [signal] },
    });

    const dismissed = await proposals.dismiss(proposalId, teacher.id, 'known-cause');
    expect(dismissed).toMatchObject({
      status: 'dismissed',
      decision: { decision: 'dismissed', reason: 'known-cause', decidedBy: teacher.id },
    });
    // The same decision again answers the same; the other one is refused.
    expect(await proposals.dismiss(proposalId, teacher.id, 'known-cause')).toMatchObject({
      status: 'dismissed',
    });
    expect(await proposals.confirm(proposalId, teacher.id, async () => randomUUID())).toBe(
      'already-dismissed',
    );
    // Append-only, even for the application role.
    await expect(
      db.query(`UPDATE absence_proposal_decisions SET reason = 'other-follow-up'`),
    ).rejects.toThrow();
    await expect(db.query(`DELETE FROM absence_proposal_decisions`)).rejects.toThrow();
    // A decided proposal's status never moves again, and a proposal is never removed.
    await expect(
      db.query(`UPDATE absence_case_proposals SET status = 'pending', decided_at = NULL WHERE id = $1`, [
        proposalId,
      ]),
    ).rejects.toThrow(/decided/);
    await expect(db.query(`DELETE FROM absence_case_proposals`)).rejects.toThrow();
  });
});

describe('detection reads days summed in the database', () => {
  /** The records as COPY text rows, in any order. */
  function copyRows(importId: string, records: readonly GeneratedRecord[]): Readable {
    return Readable.from(
      records.map((r, i) => {
        const values: Record<(typeof STAGING_FIELDS)[number], string> = {
          student_ref: r.studentRef,
          lesson_date: r.date,
          period: String(r.period),
          subject_code: r.subjectCode,
          teacher_ref: r.teacherRef ?? '',
          status: r.status,
          minutes: r.minutes === null ? '' : String(r.minutes),
          reason: r.reason ?? '',
        };
        return `${[importId, String(i + 2), ...STAGING_FIELDS.map((f) => values[f]), '\\N'].join('\t')}\n`;
      }),
    );
  }
  /** The lessons of each day summed by subject and teacher, in one order. */
  const sorted = (days: readonly AttendanceDay[]) =>
    days.map((d) => ({
      ...d,
      lessons: [
        ...d.lessons
          .reduce((groups, g) => {
            const key = `${g.subjectCode}\u0000${g.teacherRef ?? ''}\u0000${g.teacherRef === null}`;
            const seen = groups.get(key);
            if (seen)
              groups.set(key, {
                ...seen,
                registered: seen.registered + g.registered,
                absent: seen.absent + g.absent,
              });
            else groups.set(key, { ...g });
            return groups;
          }, new Map<string, AttendanceDay['lessons'][number]>())
          .values(),
      ].sort(
        (a, b) =>
          a.subjectCode.localeCompare(b.subjectCode) ||
          (a.teacherRef ?? '').localeCompare(b.teacherRef ?? ''),
      ),
    }));

  it('gives the days the domain sums from the same records, and the same evaluation', async () => {
    const { school, teacher } = await seedStudent('G-0');
    const refs = SYNTHETIC_PATTERNS.flatMap((pattern, i) =>
      [0, 1].map((k) => ({ studentRef: `G-${i}-${k}`, pattern })),
    );
    const ids = await studentsWithRefs(school.id, teacher.id, refs);
    // Every status and a lesson without a teacher, across last school year's end and up to today.
    const random = seededRandom(11);
    const records = generateAttendance({
      seed: 11,
      students: refs,
      from: addDays(today, -200),
      to: today,
    }).map((r): GeneratedRecord => {
      const x = random();
      if (x < 0.03) return { ...r, status: 'left-early', minutes: 10, reason: 'permission' };
      if (x < 0.06) return { ...r, status: 'present-not-in-class', minutes: null, reason: null };
      if (x < 0.08) return { ...r, teacherRef: null };
      if (x < 0.1) return { ...r, status: 'absent', minutes: null, reason: 'appointment' };
      return r;
    });
    const importId = randomUUID();
    await store.receive(
      { id: importId, schoolId: school.id, source: 'csv', mode: 'all-or-nothing', submittedBy: null },
      copyRows(importId, records),
    );
    expect(await store.apply(importId)).toMatchObject({ status: 'applied', rowsApplied: records.length });

    const yearStart = addDays(today, -120);
    const loaded = await store.loadForDetection([...ids.values()], yearStart, today);
    expect(loaded).toHaveLength(refs.length);
    for (const s of refs) {
      const own = records.filter((r) => r.studentRef === s.studentRef && r.date >= yearStart);
      const days = loaded.find((l) => l.studentId === ids.get(s.studentRef))?.days ?? [];
      expect(days.length).toBeGreaterThan(0);
      expect(sorted(days)).toEqual(sorted(attendanceDays(own)));
      expect(evaluateAttendance(days, today, null)).toEqual(evaluateAbsence(own, today, null));
    }
  });

  it('merges a later import into the stored days: newer periods win in any order, the same file again rewrites nothing', async () => {
    const { school, teacher } = await seedStudent('M-0');
    const refs = ['M-1', 'M-2'].map((studentRef) => ({ studentRef, pattern: SYNTHETIC_PATTERNS[0] }));
    const ids = await studentsWithRefs(school.id, teacher.id, refs);
    const older = generateAttendance({ seed: 5, students: refs, from: addDays(today, -40), to: today });
    const key = (r: GeneratedRecord) => `${r.studentRef}|${r.date}|${r.period}`;
    // The newer file: each day's second period and every seventh record absent for an appointment,
    // and a seventh period on some days.
    const corrected = older
      .filter((r, i) => r.period === 2 || i % 7 === 0)
      .map((r): GeneratedRecord => ({ ...r, status: 'absent', minutes: null, reason: 'appointment' }));
    const extra = older
      .filter((r, i) => r.period === 6 && i % 4 === 1)
      .map((r): GeneratedRecord => ({ ...r, period: 7, status: 'late', minutes: 15, reason: null }));
    // A record named twice in the newer file: the later line is the one kept.
    const first = corrected[0] as GeneratedRecord;
    const newer: GeneratedRecord[] = [{ ...first, status: 'present', reason: null }, ...corrected, ...extra];

    const receive = async (records: readonly GeneratedRecord[]) => {
      const id = randomUUID();
      await store.receive(
        { id, schoolId: school.id, source: 'csv', mode: 'all-or-nothing', submittedBy: null },
        copyRows(id, records),
      );
      return id;
    };
    const olderId = await receive(older);
    const newerId = await receive(newer);
    // Applied newest first: the older import keeps none of the periods the newer one wrote.
    expect(await store.apply(newerId)).toMatchObject({ rowsApplied: corrected.length + extra.length });
    expect(await store.get(newerId)).toMatchObject({ rowsUnchanged: 1, rowsRejected: 0 });
    expect(await store.apply(olderId)).toMatchObject({ rowsApplied: older.length - corrected.length });

    const expected = new Map(older.map((r) => [key(r), r]));
    for (const r of [...corrected, ...extra]) expected.set(key(r), r);
    const yearStart = addDays(today, -60);
    const check = async (bothOnOneDay: boolean) => {
      const loaded = await store.loadForDetection([...ids.values()], yearStart, today);
      for (const s of refs) {
        const own = [...expected.values()].filter((r) => r.studentRef === s.studentRef);
        const days = loaded.find((l) => l.studentId === ids.get(s.studentRef))?.days ?? [];
        if (bothOnOneDay) expect(days.some((d) => d.absentForAppointment > 0 && d.late > 0)).toBe(true);
        expect(sorted(days)).toEqual(sorted(attendanceDays(own)));
      }
    };
    await check(true);

    // The newer file once more: nothing applied, no day rewritten.
    const versions = async () =>
      (await db.query(
        `SELECT student_id, lesson_date, xmin::text AS version FROM attendance_days
          WHERE student_id = ANY($1::uuid[]) ORDER BY 1, 2`,
        [[...ids.values()]],
      )) as unknown[];
    const before = await versions();
    const againId = await receive(newer);
    expect(await store.apply(againId)).toMatchObject({
      status: 'applied',
      rowsApplied: 0,
      changedStudentIds: [],
    });
    expect(await store.get(againId)).toMatchObject({ rowsUnchanged: newer.length });
    expect(await versions()).toEqual(before);

    // The older file again, now the newest import: its values win back where they differ.
    const olderAgainId = await receive(older);
    const differing = corrected.filter((r) => {
      const original = older.find((o) => key(o) === key(r)) as GeneratedRecord;
      return original.status !== r.status || original.reason !== r.reason || original.minutes !== r.minutes;
    });
    expect(await store.apply(olderAgainId)).toMatchObject({ rowsApplied: differing.length });
    for (const r of older) expected.set(key(r), r);
    await check(false);
  });

  it('refuses an import whose staged rows a crash emptied (staging is unlogged), and applies nothing', async () => {
    const { school } = await seedStudent('L-1');
    const importId = randomUUID();
    await store.receive(
      { id: importId, schoolId: school.id, source: 'csv', mode: 'skip-invalid', submittedBy: null },
      rows(importId, 'L-1', [0]),
    );
    // What crash recovery does to an UNLOGGED table, for this import's rows.
    await db.query(`DELETE FROM absence_import_rows WHERE import_id = $1`, [importId]);
    expect(await store.apply(importId)).toEqual({
      status: 'rejected',
      rowsApplied: 0,
      rowsRejected: days.length * 6,
      changedStudentIds: [],
    });
    expect(await store.get(importId)).toMatchObject({
      status: 'rejected',
      errors: [{ line: 1, field: STAGING_LOST_FIELD, message: STAGING_LOST_MESSAGE }],
    });
    const [persistence] = (await db.query(
      `SELECT relpersistence FROM pg_class WHERE relname = 'absence_import_rows'`,
    )) as { relpersistence: string }[];
    expect(persistence?.relpersistence).toBe('u');
  });
});
