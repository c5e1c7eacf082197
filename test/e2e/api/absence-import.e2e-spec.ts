// Absence data in, concerns out (issue 10, ADR 0009), over HTTP against the real PostgreSQL, Temporal
// dev server and an SMTP server: an import that crosses a threshold opens exactly one case the same day
// and mails the contact teacher; re-imports, corrections and bad input open nothing and apply nothing.
import { addDays, osloDate } from '@tiltak/domain';
import { attendanceCsv, schoolDaysBetween, type GeneratedRecord } from '@tiltak/domain/testing';
import { startTestSmtpServer, type TestSmtpServer } from '@tiltak/testing';
import request from 'supertest';
import { DEMO_SCHOOLS, DEMO_STAFF, DEMO_STUDENTS } from '../../../apps/api/src/demo/demo-data';
import { ABSENCE_DETECTION_SCHEDULE_ID, ABSENCE_DETECTION_WORKFLOW_TYPE } from '@tiltak/workflows';
import { ensureAbsenceDetectionSchedule } from '../../../apps/worker/src/digest-schedule';
import { TemporalClient } from '../../../apps/api/src/infrastructure/temporal-client.provider';
import { startApiHarness, type ApiHarness } from './api-harness';
import { countRows, waitFor } from './case-scenarios';

jest.setTimeout(180_000);

const F = DEMO_SCHOOLS.fjordvik.id;
const B = DEMO_SCHOOLS.bakkeli.id;
const today = osloDate(new Date().toISOString());
// Five school weeks up to today: 30 lessons a week.
const days = schoolDaysBetween(addDays(today, -34), today);

let h: ApiHarness;
let smtp: TestSmtpServer;
let fjordvikLeader: string;
let bakkeliLeader: string;

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  h = await startApiHarness({ smtpUrl: smtp.url });
  fjordvikLeader = await h.token(DEMO_STAFF.fjordvikLeader.id);
  bakkeliLeader = await h.token(DEMO_STAFF.bakkeliLeader.id);
});
afterAll(async () => {
  await h?.close();
  await smtp?.stop();
});

/** Six lessons on every school day; whole days absent on the given day indexes. */
function lessons(
  ref: string,
  absentDays: number[],
  override: Partial<GeneratedRecord> = {},
): GeneratedRecord[] {
  return days.flatMap((date, i) =>
    [1, 2, 3, 4, 5, 6].map((period) => ({
      studentRef: ref,
      date,
      period,
      subjectCode: ['NOR', 'MAT', 'ENG', 'NAT', 'SAF', 'KRO'][period - 1]!,
      teacherRef: `T-${period}`,
      status: absentDays.includes(i) ? ('absent' as const) : ('present' as const),
      minutes: null,
      reason: absentDays.includes(i) ? ('unknown' as const) : null,
      ...override,
    })),
  );
}

function upload(token: string, schoolId: string, body: string | Buffer, query = '', type = 'text/csv') {
  return request(h.http)
    .post(`/api/schools/${schoolId}/absence-imports${query}`)
    .set('Authorization', `Bearer ${token}`)
    .set('Content-Type', type)
    .send(body);
}

async function finished(token: string, schoolId: string, importId: string) {
  return waitFor(
    async () => {
      const res = await request(h.http)
        .get(`/api/schools/${schoolId}/absence-imports/${importId}`)
        .set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(200);
      return res.body.finished ? (res.body as Record<string, unknown>) : null;
    },
    60_000,
    'the import to finish',
  );
}

async function importCsv(token: string, schoolId: string, csv: string, query = '') {
  const res = await upload(token, schoolId, csv, query);
  expect(res.status).toBe(202);
  expect(res.headers['location']).toBe(`/api/schools/${schoolId}/absence-imports/${res.body.id}`);
  return finished(token, schoolId, res.body.id as string);
}

const openCases = (studentId: string) =>
  countRows(h, `SELECT count(*)::int AS n FROM cases WHERE student_id = $1 AND status <> 'closed'`, [
    studentId,
  ]);

/**
 * The read model follows the case workflow's first task, which a loaded machine may run a few seconds
 * after the import reports the case opened: wait for the row, then count (a second case would still show).
 */
async function openCasesOnceWritten(studentId: string): Promise<number> {
  const until = Date.now() + 20_000;
  let n = await openCases(studentId);
  while (n === 0 && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    n = await openCases(studentId);
  }
  return n;
}

describe('an import that crosses a threshold', () => {
  const mia = DEMO_STUDENTS.mia;
  const noah = DEMO_STUDENTS.noah;
  // Mia: 3 whole days of 25 away (12 %), one of them a Monday; Noah: always there.
  const csv = attendanceCsv([...lessons(mia.externalRef, [0, 7, 20]), ...lessons(noah.externalRef, [])]);

  it('opens exactly one case the same day, as the system, and mails the contact teacher', async () => {
    const done = await importCsv(fjordvikLeader, F, csv);
    expect(done).toMatchObject({
      status: 'applied',
      rowsRead: days.length * 12,
      rowsApplied: days.length * 12,
      rowsRejected: 0,
      studentsEvaluated: 2,
      casesOpened: 1,
      errors: [],
    });
    expect(await openCasesOnceWritten(mia.id)).toBe(1);
    expect(await openCases(noah.id)).toBe(0);

    const [opened] = (await h.db.query(
      `SELECT e.payload, e.occurred_at, c.case_id FROM case_events e JOIN cases c USING (case_id)
        WHERE c.student_id = $1 AND e.type = 'case-opened'`,
      [mia.id],
    )) as { payload: Record<string, unknown>; occurred_at: Date; case_id: string }[];
    expect(osloDate(opened!.occurred_at.toISOString())).toBe(today);
    expect(opened!.payload).toMatchObject({
      trigger: 'absence-percentage',
      ownerStaffId: mia.contactTeacherId,
      detection: {
        triggers: ['absence-percentage'],
        pattern: { singleDays: true, consecutiveDays: false, lateArrivals: false },
        figures: { schoolYear: { registered: days.length * 6, absent: 18 } },
      },
    });
    expect(opened!.payload['absencePercent']).toBeGreaterThanOrEqual(10);

    // The step-1 form starts from the case: its state carries the detection.
    const teacherToken = await h.token(mia.contactTeacherId);
    const shown = await request(h.http)
      .get(`/api/cases/${opened!.case_id}`)
      .set('Authorization', `Bearer ${teacherToken}`);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({
      trigger: 'absence-percentage',
      step: 1,
      nextDeadline: { kind: 'step1-contact' },
      detection: {
        triggers: ['absence-percentage'],
        evaluatedOn: today,
        thresholdPercent: 10,
        schoolYearPercent: 12,
        pattern: { singleDays: true, consecutiveDays: false, lateArrivals: false, leavingEarly: false },
      },
    });

    const teacher = DEMO_STAFF.fjordvikTeacher5A;
    const mail = await waitFor(
      async () => smtp.messagesTo(teacher.email)[0],
      30_000,
      'the case-opened notice',
    );
    expect(mail.text).toContain(`/cases/${opened!.case_id}`);
    expect(mail.text).not.toContain('Johansen');

    const signals = await countRows(
      h,
      `SELECT count(*)::int AS n FROM absence_signals WHERE student_id = $1`,
      [mia.id],
    );
    expect(signals).toBe(1);
  });

  it('opens nothing when the same file comes again', async () => {
    const again = await importCsv(fjordvikLeader, F, csv);
    expect(again).toMatchObject({
      status: 'applied',
      rowsApplied: 0,
      rowsUnchanged: days.length * 12,
      casesOpened: 0,
    });
    expect(await openCasesOnceWritten(mia.id)).toBe(1);
    expect(await countRows(h, `SELECT count(*)::int AS n FROM cases WHERE student_id = $1`, [mia.id])).toBe(
      1,
    );
  });

  it('shows leaders every student’s figures, the flags and who is over a threshold without a case', async () => {
    const res = await request(h.http)
      .get(`/api/schools/${F}/absence-overview`)
      .set('Authorization', `Bearer ${fjordvikLeader}`);
    expect(res.status).toBe(200);
    const row = (id: string) =>
      (res.body.students as { studentId: string }[]).find((s) => s.studentId === id);
    expect(row(mia.id)).toMatchObject({
      flags: ['absence-percentage'],
      withoutOpenCase: false,
      figures: { schoolYearPercent: 12, lessonsRegistered: days.length * 6 },
    });
    expect(row(noah.id)).toMatchObject({ flags: [], openCaseId: null, figures: { schoolYearPercent: 0 } });
    expect(res.body).toMatchObject({ overThreshold: 1, overThresholdWithoutOpenCase: 0, missingPlanRate: 0 });
    const teacherToken = await h.token(mia.contactTeacherId);

    // Her open case shows the same figures now, for the evaluation to start from.
    const miaRow = row(mia.id) as unknown as { figures: object; flags: string[]; openCaseId: string };
    const shown = await request(h.http)
      .get(`/api/cases/${miaRow.openCaseId}`)
      .set('Authorization', `Bearer ${teacherToken}`);
    expect(shown.status).toBe(200);
    expect(shown.body.absence).toEqual({ ...miaRow.figures, flags: miaRow.flags });
    expect(shown.body.absence).toMatchObject({
      evaluatedOn: today,
      thresholdPercent: 10,
      schoolYearPercent: 12,
      flags: ['absence-percentage'],
    });
    // Need to know is unchanged: a teacher of another school does not see the case, nor its figures.
    const stranger = await h.token(DEMO_STAFF.bakkeliTeacher9A.id);
    const hidden = await request(h.http)
      .get(`/api/cases/${miaRow.openCaseId}`)
      .set('Authorization', `Bearer ${stranger}`);
    expect(hidden.status).toBe(404);
    expect(JSON.stringify(hidden.body)).not.toContain('schoolYearPercent');
    expect(
      (
        await request(h.http)
          .get(`/api/schools/${F}/absence-overview`)
          .set('Authorization', `Bearer ${teacherToken}`)
      ).status,
    ).toBe(404);
  });
});

describe('thresholds and corrections', () => {
  it('fires earlier for a student with a lower personal threshold', async () => {
    const ella = DEMO_STUDENTS.ella; // threshold 5 %
    // Two whole days of 25 (8 %): under 10 %, over Ella's 5 %. Noah gets the same and stays below.
    const done = await importCsv(
      fjordvikLeader,
      F,
      attendanceCsv([
        ...lessons(ella.externalRef, [3, 12]),
        ...lessons(DEMO_STUDENTS.noah.externalRef, [3, 12]),
      ]),
    );
    expect(done).toMatchObject({ casesOpened: 1 });
    expect(await openCasesOnceWritten(ella.id)).toBe(1);
    expect(await openCases(DEMO_STUDENTS.noah.id)).toBe(0);
  });

  it('raises no case when a later line corrects the absence below the threshold before the case opens', async () => {
    const filip = DEMO_STUDENTS.filip;
    const away = lessons(filip.externalRef, [2, 9, 16]);
    // The school system re-exports two of the three days as present: the correction comes later in the file.
    const corrected = lessons(filip.externalRef, []).filter((r) => r.date === days[9] || r.date === days[16]);
    const done = await importCsv(bakkeliLeader, B, attendanceCsv([...away, ...corrected]));
    expect(done).toMatchObject({ status: 'applied', rowsApplied: days.length * 6, casesOpened: 0 });
    expect(await openCases(filip.id)).toBe(0);
    const [row] = (await h.db.query(
      `SELECT a.statuses[array_position(a.periods, 1::smallint)] AS status FROM attendance_days a JOIN students s ON s.id = a.student_id WHERE s.id = $1 AND lesson_date = $2`,
      [filip.id, days[9]],
    )) as { status: string }[];
    expect(row?.status).toBe('present');
  });

  it('lets a later import correct an earlier one, and fires again only after the figure fell below', async () => {
    const sara = DEMO_STUDENTS.sara;
    const csv = attendanceCsv(lessons(sara.externalRef, [1, 5, 8]));
    expect(await importCsv(bakkeliLeader, B, csv)).toMatchObject({ casesOpened: 1 });
    // The school system corrects all three days: the figure falls below, the signal clears.
    const low = await importCsv(bakkeliLeader, B, attendanceCsv(lessons(sara.externalRef, [])));
    expect(low).toMatchObject({ rowsApplied: 18, casesOpened: 0 });
    // Up again: a new crossing is kept, but the case is still open, so nothing new opens.
    expect(await importCsv(bakkeliLeader, B, csv)).toMatchObject({
      rowsApplied: 18,
      signalsFired: 1,
      casesOpened: 0,
    });
    const signals = (await h.db.query(
      `SELECT kind, crossing, outcome FROM absence_signals WHERE student_id = $1 ORDER BY created_at, kind DESC`,
      [sara.id],
    )) as { kind: string; crossing: number; outcome: string | null }[];
    expect(signals).toEqual([
      { kind: 'fired', crossing: 1, outcome: 'case-opened' },
      { kind: 'cleared', crossing: 1, outcome: null },
      { kind: 'fired', crossing: 2, outcome: 'open-case-exists' },
    ]);
    expect(await countRows(h, `SELECT count(*)::int AS n FROM cases WHERE student_id = $1`, [sara.id])).toBe(
      1,
    );
  });
});

describe('bad input', () => {
  const lukas = DEMO_STUDENTS.lukas;
  const header = 'student_ref;date;period;subject;teacher_ref;status;minutes;reason';
  const importsNow = () => countRows(h, `SELECT count(*)::int AS n FROM absence_imports`);
  const lukasRecords = () =>
    countRows(h, `SELECT coalesce(sum(registered), 0)::int AS n FROM attendance_days WHERE student_id = $1`, [
      lukas.id,
    ]);

  it('answers 422 naming a wrong or missing column, and stages nothing', async () => {
    const before = await importsNow();
    const res = await upload(
      bakkeliLeader,
      B,
      `student_ref;dato;period;subject;status\n${lukas.externalRef};${today};1;MAT;absent\n`,
    );
    expect(res.status).toBe(422);
    expect(res.body.message).toMatch(/dato ukjent kolonne.*date mangler/);
    expect(res.body.fieldErrors).toEqual([
      { field: 'dato', message: 'ukjent kolonne' },
      { field: 'date', message: 'mangler' },
    ]);
    expect(await importsNow()).toBe(before);
    expect(await countRows(h, `SELECT count(*)::int AS n FROM absence_import_rows`)).toBe(0);
  });

  it('refuses what is not CSV in UTF-8 with a Norwegian 415', async () => {
    const notUtf8 = Buffer.concat([
      Buffer.from(`${header}\n${lukas.externalRef};${today};1;M`),
      Buffer.from([0xe6, 0x3b]),
      Buffer.from('T;;absent;;\n'),
    ]);
    const bad = await upload(bakkeliLeader, B, notUtf8);
    expect(bad.status).toBe(415);
    expect(bad.body.message).toBe('Filen er ikke gyldig UTF-8. Lagre den som CSV (UTF-8).');
    const json = await upload(bakkeliLeader, B, '{"records":[]}', '', 'application/json');
    expect(json.status).toBe(415);
    expect(json.body.message).toMatch(/CSV/);
    const latin1 = await upload(bakkeliLeader, B, `${header}\n`, '', 'text/csv; charset=iso-8859-1');
    expect(latin1.status).toBe(415);
    expect(await lukasRecords()).toBe(0);
  });

  it('lists every bad row with line and field and applies nothing by default', async () => {
    const rows = [
      `${lukas.externalRef};${days[0]};1;MAT;T1;absent;;illness`,
      `${lukas.externalRef};2026-02-30;1;MAT;T1;absent;;`,
      `${lukas.externalRef};${days[0]};2;MAT;T1;late;;`,
      `${lukas.externalRef};${days[0]};3;MAT;T1;sick;;headache`,
      `${DEMO_STUDENTS.mia.externalRef};${days[0]};1;MAT;T1;absent;;`,
      `NOPE-1;${days[0]};1;MAT;T1;absent;;`,
      `${lukas.externalRef};${days[0]}`,
    ];
    const done = await importCsv(bakkeliLeader, B, `${header}\n${rows.join('\n')}\n`);
    expect(done).toMatchObject({
      status: 'rejected',
      rowsRead: 7,
      rowsApplied: 0,
      rowsRejected: 7,
      casesOpened: 0,
    });
    expect(done['errors']).toEqual([
      { line: 3, field: 'date', message: 'må være en dato (ÅÅÅÅ-MM-DD)' },
      { line: 4, field: 'minutes', message: 'mangler (påkrevd for late)' },
      { line: 5, field: 'reason', message: 'må være illness, appointment, permission eller unknown' },
      {
        line: 5,
        field: 'status',
        message: 'må være present, absent, late, left-early eller present-not-in-class',
      },
      { line: 6, field: 'student_ref', message: 'ukjent elevreferanse ved denne skolen' },
      { line: 7, field: 'student_ref', message: 'ukjent elevreferanse ved denne skolen' },
      { line: 8, field: '(rad)', message: 'har 2 felt, overskriften har 8' },
      { line: 8, field: 'period', message: 'mangler' },
      { line: 8, field: 'status', message: 'mangler' },
      { line: 8, field: 'subject', message: 'mangler' },
    ]);
    // Another school's student is not this school's to import: refused like an unknown reference.
    expect(done['unknownStudentRefs']).toEqual(['NOPE-1', DEMO_STUDENTS.mia.externalRef].sort());
    expect(await lukasRecords()).toBe(0);
    expect(await countRows(h, `SELECT count(*)::int AS n FROM absence_import_rows`)).toBe(0);
  });

  it('applies the good rows and lists the bad ones when asked to skip them', async () => {
    const csv = `${header}\n${lukas.externalRef};${days[0]};1;MAT;T1;absent;;illness\nNOPE-2;${days[0]};1;MAT;;absent;;\n`;
    const done = await importCsv(bakkeliLeader, B, csv, '?invalidRows=skip');
    expect(done).toMatchObject({
      status: 'applied',
      mode: 'skip-invalid',
      rowsApplied: 1,
      rowsRejected: 1,
      unknownStudentRefs: ['NOPE-2'],
    });
    expect(await lukasRecords()).toBe(1);
  });

  it('keeps other schools out and answers an unknown query option with 400', async () => {
    expect((await upload(fjordvikLeader, B, `${header}\n`)).status).toBe(404);
    expect((await upload(bakkeliLeader, B, `${header}\n`, '?invalidRows=maybe')).status).toBe(400);
  });

  it('takes the same records as a JSON batch from an integration', async () => {
    const res = await request(h.http)
      .post(`/api/schools/${B}/absence-records`)
      .set('Authorization', `Bearer ${bakkeliLeader}`)
      .send({
        records: [
          {
            studentRef: lukas.externalRef,
            date: days[1],
            period: 1,
            subject: 'MAT',
            status: 'late',
            minutes: 7,
          },
        ],
      });
    expect(res.status).toBe(202);
    const done = await finished(bakkeliLeader, B, res.body.id as string);
    expect(done).toMatchObject({ source: 'json', status: 'applied', rowsApplied: 1 });
    expect(await lukasRecords()).toBe(2);
    const invalid = await request(h.http)
      .post(`/api/schools/${B}/absence-records`)
      .set('Authorization', `Bearer ${bakkeliLeader}`)
      .send({
        records: [
          {
            studentRef: lukas.externalRef,
            date: days[1],
            period: 1,
            subject: 'MAT',
            status: 'late',
            note: 'x',
          },
        ],
      });
    expect(invalid.status).toBe(400);
  });
});

describe('the daily run', () => {
  it('evaluates only the students whose window moved, and opens nothing twice', async () => {
    const client = await h.app.get(TemporalClient).client();
    const run = (n: number) =>
      client.workflow.execute(ABSENCE_DETECTION_WORKFLOW_TYPE, {
        taskQueue: h.config.temporal.taskQueue,
        workflowId: `absence-detection-test-${n}-${Date.now()}`,
        args: [],
      }) as Promise<{ studentsEvaluated: number; signalsFired: number; casesOpened: number }>;
    const cases = () => countRows(h, `SELECT count(*)::int AS n FROM cases`);
    const signals = () => countRows(h, `SELECT count(*)::int AS n FROM absence_signals`);
    const [casesBefore, signalsBefore] = [await cases(), await signals()];
    // Everyone was evaluated today by the imports.
    expect(await run(1)).toEqual({ studentsEvaluated: 0, signalsFired: 0, casesOpened: 0 });
    // A day later every window has moved: all are evaluated again; no crossing is new.
    await h.db.query(`UPDATE student_absence_figures SET evaluated_on = evaluated_on - 1`);
    const evaluated = await countRows(h, `SELECT count(*)::int AS n FROM student_absence_figures`);
    expect(await run(2)).toEqual({ studentsEvaluated: evaluated, signalsFired: 0, casesOpened: 0 });
    expect([await cases(), await signals()]).toEqual([casesBefore, signalsBefore]);
  });

  it('is a Temporal Schedule at 06:00 Oslo time on weekdays, created once', async () => {
    const client = await h.app.get(TemporalClient).client();
    try {
      expect(await ensureAbsenceDetectionSchedule(h.config)).toBe('created');
      expect(await ensureAbsenceDetectionSchedule(h.config)).toBe('exists');
      const description = await client.schedule.getHandle(ABSENCE_DETECTION_SCHEDULE_ID).describe();
      expect(description.spec.timezone).toBe('Europe/Oslo');
      expect(description.action).toMatchObject({ workflowType: ABSENCE_DETECTION_WORKFLOW_TYPE });
    } finally {
      await client.schedule
        .getHandle(ABSENCE_DETECTION_SCHEDULE_ID)
        .delete()
        .catch(() => undefined);
    }
  });
});

describe('student references', () => {
  it('are set by the school leadership, unique per school, and name the student in imports', async () => {
    const create = (externalRef: string, schoolId: string = B, token = bakkeliLeader) =>
      request(h.http)
        .post('/api/students')
        .set('Authorization', `Bearer ${token}`)
        .send({
          schoolId,
          className: '8A',
          contactTeacherId: schoolId === B ? DEMO_STAFF.bakkeliTeacher9A.id : DEMO_STAFF.fjordvikTeacher5A.id,
          givenName: 'Test',
          familyName: 'Elev',
          externalRef,
        });
    const created = await create('NEW-1');
    expect(created.status).toBe(201);
    expect(created.body.externalRef).toBe('NEW-1');
    const taken = await create('NEW-1');
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ reason: 'EXTERNAL_REF_TAKEN' });
    // The same reference at another school is another student.
    expect((await create('NEW-1', F, fjordvikLeader)).status).toBe(201);
    const done = await importCsv(bakkeliLeader, B, attendanceCsv(lessons('NEW-1', [])));
    expect(done).toMatchObject({ status: 'applied', rowsApplied: days.length * 6, unknownStudentRefs: [] });
    const moved = await request(h.http)
      .patch(`/api/students/${created.body.id as string}`)
      .set('Authorization', `Bearer ${bakkeliLeader}`)
      .send({ externalRef: DEMO_STUDENTS.lukas.externalRef });
    expect(moved.status).toBe(409);
  });
});
