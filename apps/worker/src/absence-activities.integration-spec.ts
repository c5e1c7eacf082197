// The absence activities against a real PostgreSQL as the application role: applying twice changes
// nothing, and a detection retried after it stored its signals returns the same case to open (the
// same deterministic case id) without writing a signal twice.
import { Readable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { addDays, osloDate } from '@tiltak/domain';
import { schoolDaysBetween } from '@tiltak/domain/testing';
import {
  AbsenceStore,
  DirectoryRepository,
  ProposalStore,
  proposalIdFor,
  InstallationStore,
  STAGING_FIELDS,
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
  const student = await directory.createStudent({
    schoolId: school.id,
    className: '5A',
    contactTeacherId: teacher.id,
    givenName: 'Test',
    familyName: 'Elev',
    externalRef: ref,
  });
  return { school, teacher, student };
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
