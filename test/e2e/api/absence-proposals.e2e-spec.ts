// Propose mode (ADR 0015), over HTTP against the real PostgreSQL, Temporal dev server and an SMTP
// server: a crossing proposes a case and mails the contact teacher the same day; the teacher confirms
// (the case opens from the proposal's moment, with the detection) or dismisses with a reason from a
// closed list, kept append-only. Decisions are idempotent and need-to-know like cases.
import { addDays, osloDate } from '@tiltak/domain';
import { attendanceCsv, schoolDaysBetween, type GeneratedRecord } from '@tiltak/domain/testing';
import { startTestSmtpServer, type TestSmtpServer } from '@tiltak/testing';
import request from 'supertest';
import { DEMO_SCHOOLS, DEMO_STAFF, DEMO_STUDENTS } from '../../../apps/api/src/demo/demo-data';
import { startApiHarness, type ApiHarness } from './api-harness';
import { countRows, waitFor } from './case-scenarios';

jest.setTimeout(180_000);

const F = DEMO_SCHOOLS.fjordvik.id;
const today = osloDate(new Date().toISOString());
const days = schoolDaysBetween(addDays(today, -34), today);

let h: ApiHarness;
let smtp: TestSmtpServer;
let leader: string;

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  h = await startApiHarness({ smtpUrl: smtp.url, env: { ABSENCE_DETECTION_MODE: 'propose' } });
  leader = await h.token(DEMO_STAFF.fjordvikLeader.id);
});
afterAll(async () => {
  await h?.close();
  await smtp?.stop();
});

function lessons(ref: string, absentDays: number[]): GeneratedRecord[] {
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
    })),
  );
}

async function importCsv(csv: string) {
  const res = await request(h.http)
    .post(`/api/schools/${F}/absence-imports`)
    .set('Authorization', `Bearer ${leader}`)
    .set('Content-Type', 'text/csv')
    .send(csv);
  expect(res.status).toBe(202);
  return waitFor(
    async () => {
      const got = await request(h.http)
        .get(`/api/schools/${F}/absence-imports/${res.body.id}`)
        .set('Authorization', `Bearer ${leader}`);
      return got.body.finished ? (got.body as Record<string, unknown>) : null;
    },
    60_000,
    'the import to finish',
  );
}

const proposalsOf = async (token: string, query = '') =>
  request(h.http).get(`/api/schools/${F}/absence-proposals${query}`).set('Authorization', `Bearer ${token}`);

const decide = (token: string, proposalId: string, action: 'confirm' | 'dismiss', body?: object) => {
  const req = request(h.http)
    .post(`/api/absence-proposals/${proposalId}/${action}`)
    .set('Authorization', `Bearer ${token}`);
  return body ? req.send(body) : req.send();
};

const mia = DEMO_STUDENTS.mia;
const noah = DEMO_STUDENTS.noah;
const ella = DEMO_STUDENTS.ella;
const teacher5A = DEMO_STAFF.fjordvikTeacher5A;
let miaProposal: string;
let noahProposal: string;

describe('a crossing in propose mode', () => {
  it('proposes a case instead of opening one, and mails the contact teacher the same day', async () => {
    // Mia and Noah: 3 whole days of 25 away (12 %); Ella (5B, another teacher) always there.
    const csv = attendanceCsv([
      ...lessons(mia.externalRef, [0, 7, 20]),
      ...lessons(noah.externalRef, [2, 9, 16]),
      ...lessons(ella.externalRef, []),
    ]);
    const done = await importCsv(csv);
    expect(done).toMatchObject({ status: 'applied', signalsFired: 2, casesOpened: 0 });
    expect(await countRows(h, `SELECT count(*)::int AS n FROM cases WHERE school_id = $1`, [F])).toBe(0);

    const teacherToken = await h.token(teacher5A.id);
    const listed = await proposalsOf(teacherToken, '?status=pending');
    expect(listed.status).toBe(200);
    const byStudent = (id: string) =>
      (listed.body.proposals as { studentId: string; proposalId: string }[]).find((p) => p.studentId === id);
    expect(byStudent(mia.id)).toMatchObject({
      status: 'pending',
      trigger: 'absence-percentage',
      contactTeacherId: teacher5A.id,
      givenName: 'Mia',
      className: '5A',
      figures: { schoolYearPercent: 12, thresholdPercent: 10 },
      caseId: null,
      decision: null,
    });
    expect(osloDate((listed.body.proposals[0] as { proposedAt: string }).proposedAt)).toBe(today);
    miaProposal = byStudent(mia.id)!.proposalId;
    noahProposal = byStudent(noah.id)!.proposalId;

    // One email for the teacher per proposal, naming class and initials only, linking to the list.
    const mails = await waitFor(
      async () => {
        const got = smtp.messagesTo(teacher5A.email);
        return got.length >= 2 ? got : null;
      },
      30_000,
      'the proposal notices',
    );
    expect(mails).toHaveLength(2);
    expect(mails[0]!.subject).toMatch(
      /^Forslag om ny sak om fravær \(5A, [A-Z]\.[A-Z]\.\): ta stilling i dag$/,
    );
    expect(mails[0]!.text).toContain('/forslag');
    expect(mails[0]!.text).not.toContain('Johansen');

    // The same file again proposes nothing new.
    expect(await importCsv(csv)).toMatchObject({ signalsFired: 0 });
    expect(
      await countRows(h, `SELECT count(*)::int AS n FROM absence_case_proposals WHERE school_id = $1`, [F]),
    ).toBe(2);
  });

  it('shows proposals on a need-to-know basis', async () => {
    const other5B = await h.token(DEMO_STAFF.fjordvikTeacher5B.id);
    expect((await proposalsOf(other5B)).body.proposals).toEqual([]);
    expect((await proposalsOf(leader)).body.proposals).toHaveLength(2);
    const bakkeli = await h.token(DEMO_STAFF.bakkeliTeacher9A.id);
    const foreign = await proposalsOf(bakkeli);
    expect(foreign.status).toBe(404);
    expect(foreign.body.message).toBe('Fant ikke skolen.');
    // Someone who may not decide it cannot tell it exists.
    const refused = await decide(other5B, miaProposal, 'confirm');
    expect(refused.status).toBe(404);
    expect(refused.body).toMatchObject({ code: 'NOT_FOUND', message: 'Fant ikke forslaget.' });
  });
});

describe('deciding a proposal', () => {
  it('opens the case on confirmation, from the proposal’s moment and with its figures, once', async () => {
    const teacherToken = await h.token(teacher5A.id);
    const confirmed = await decide(teacherToken, miaProposal, 'confirm');
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({
      status: 'confirmed',
      decision: { decision: 'confirmed', reason: null, decidedBy: teacher5A.id },
    });
    const caseId = confirmed.body.caseId as string;
    expect(confirmed.body.caseLocation).toBe(`/api/cases/${caseId}`);

    const again = await decide(teacherToken, miaProposal, 'confirm');
    expect(again.status).toBe(200);
    expect(again.body.caseId).toBe(caseId);

    const shown = await waitFor(
      async () => {
        const res = await request(h.http)
          .get(`/api/cases/${caseId}`)
          .set('Authorization', `Bearer ${teacherToken}`);
        return res.status === 200 ? res : null;
      },
      30_000,
      'the confirmed case',
    );
    expect(shown.body).toMatchObject({
      step: 1,
      trigger: 'absence-percentage',
      nextDeadline: { kind: 'step1-contact' },
      detection: { triggers: ['absence-percentage'], schoolYearPercent: 12 },
    });
    expect(shown.body.openedAt).toBe(confirmed.body.proposedAt);
    expect(await countRows(h, `SELECT count(*)::int AS n FROM cases WHERE student_id = $1`, [mia.id])).toBe(
      1,
    );
    const dismissAfter = await decide(teacherToken, miaProposal, 'dismiss', { reason: 'known-cause' });
    expect(dismissAfter.status).toBe(409);
    expect(dismissAfter.body).toMatchObject({ code: 'CONFLICT', reason: 'PROPOSAL_ALREADY_CONFIRMED' });
  });

  it('dismisses with a reason from the closed list, audited, and refuses anything else', async () => {
    const teacherToken = await h.token(teacher5A.id);
    const free = await decide(teacherToken, noahProposal, 'dismiss', { reason: 'han var syk' });
    expect(free.status).toBe(400);
    expect(free.body.fieldErrors).toEqual([
      {
        field: 'reason',
        message: 'må være en av: known-cause, already-followed-up, registration-error, other-follow-up',
      },
    ]);
    const none = await decide(teacherToken, noahProposal, 'dismiss', {});
    expect(none.status).toBe(400);

    const dismissed = await decide(teacherToken, noahProposal, 'dismiss', { reason: 'registration-error' });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body).toMatchObject({
      status: 'dismissed',
      caseId: null,
      decision: {
        decision: 'dismissed',
        reason: 'registration-error',
        reasonLabel: 'Feil i fraværsregistreringen',
        decidedBy: teacher5A.id,
      },
    });
    expect(
      (await decide(teacherToken, noahProposal, 'dismiss', { reason: 'registration-error' })).status,
    ).toBe(200);
    const otherReason = await decide(teacherToken, noahProposal, 'dismiss', { reason: 'known-cause' });
    expect(otherReason.status).toBe(409);
    const confirmAfter = await decide(teacherToken, noahProposal, 'confirm');
    expect(confirmAfter.status).toBe(409);
    expect(confirmAfter.body.reason).toBe('PROPOSAL_ALREADY_DISMISSED');
    expect(await countRows(h, `SELECT count(*)::int AS n FROM cases WHERE student_id = $1`, [noah.id])).toBe(
      0,
    );
    expect(
      await countRows(
        h,
        `SELECT count(*)::int AS n FROM absence_proposal_decisions WHERE proposal_id = $1 AND reason = 'registration-error'`,
        [noahProposal],
      ),
    ).toBe(1);
    expect(
      await countRows(
        h,
        `SELECT count(*)::int AS n FROM access_log WHERE action = 'absence.proposal.decide' AND resource_id = $1 AND outcome = 'allowed'`,
        [noahProposal],
      ),
    ).toBeGreaterThanOrEqual(1);
  });

  it('answers an unknown proposal with 404 and a malformed id with 400', async () => {
    const teacherToken = await h.token(teacher5A.id);
    const unknown = await decide(teacherToken, '00000000-0000-4000-8000-000000000000', 'confirm');
    expect(unknown.status).toBe(404);
    expect((await decide(teacherToken, 'nope', 'confirm')).status).toBe(400);
  });
});
