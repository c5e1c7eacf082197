// Request bodies a user would send, and small helpers to drive a case through the API.
import { randomUUID } from 'node:crypto';
import {
  addDays,
  osloDate,
  type EvaluationDecision,
  type MeetingKind,
  type ParticipantKind,
  type Step,
} from '@tiltak/domain';
import request from 'supertest';
import type { ApiHarness } from './api-harness';

export const today = (): string => osloDate(new Date().toISOString());

const PARTICIPANTS: Record<MeetingKind, ParticipantKind[]> = {
  'step2-meeting': ['contact-teacher', 'student', 'guardians'],
  'team-around-student-meeting': [
    'contact-teacher',
    'school-leadership',
    'student',
    'guardians',
    'competence-team',
  ],
  'collaboration-meeting': [
    'contact-teacher',
    'school-leadership',
    'guardians',
    'ppt',
    'mobile-team',
    'health-nurse',
  ],
};

export const events = {
  step1Contact: (conclusion: 'explained' | 'concern-remains' = 'concern-remains') => ({
    type: 'step1-contact',
    payload: {
      talkedWithStudent: true,
      guardiansContacted: true,
      pattern: {
        weekdays: ['monday', 'friday'],
        consecutiveDays: false,
        singleDays: true,
        lateArrivals: true,
        leavingEarly: false,
        appointmentsOrAssessmentDays: false,
      },
      guardiansView: 'Foresatte kjenner seg igjen i mønsteret og ønsker et møte.',
      conclusion,
    },
  }),
  meeting: (kind: MeetingKind, summary = 'Gikk gjennom skole, hjem, fritid og eleven selv.') => ({
    type: 'meeting-held',
    payload: {
      kind,
      heldOn: today(),
      participants: PARTICIPANTS[kind],
      studentParticipation: kind === 'collaboration-meeting' ? 'view-given-beforehand' : 'attended',
      nextMeetingOn: addDays(today(), 21),
      summary,
    },
  }),
  mapping: () => ({
    type: 'mapping-recorded',
    payload: {
      areas: {
        school: { riskFactors: ['alone-at-breaks'], summary: 'Lite venner i klassen.' },
        home: { riskFactors: [], summary: 'Gode morgenrutiner.' },
        leisure: { riskFactors: ['screens'], summary: 'Mye skjermtid om kvelden.' },
        student: { riskFactors: ['stomach-ache-or-nausea'], summary: 'Vondt i magen på mandager.' },
      },
    },
  }),
  measure: (responsibleStaffId: string, what: string) => ({
    type: 'measure-planned',
    payload: {
      what,
      responsible: { kind: 'staff', staffId: responsibleStaffId },
      how: 'Møtes ved inngangen kl. 08.15',
      startsOn: today(),
      evaluateBy: addDays(today(), 21),
      ifNotPossible: 'Sosiallærer tar over',
    },
  }),
  evaluation: (decision: EvaluationDecision, absencePercent = 9) => ({
    type: 'evaluation-recorded',
    payload: { absencePercent, effect: 'improved', studentVoice: 'Morgenene er lettere nå.', decision },
  }),
  consent: () => ({ type: 'guardian-consent-recorded', payload: { consentGiven: true } }),
  referral: () => ({ type: 'referral-sent', payload: { to: 'competence-team' } }),
  teamAdvice: (advice = 'Prøv gradvis økning av tid i klassen.') => ({
    type: 'team-advice-recorded',
    payload: { advice },
  }),
  note: (text = 'Ringte foresatte, ingen svar.') => ({ type: 'note-added', payload: { text } }),
};

export type EventBody = ReturnType<(typeof events)[keyof typeof events]>;

export function post(h: ApiHarness, token: string, path: string, body: unknown, idempotencyKey?: string) {
  const req = request(h.http).post(path).set('Authorization', `Bearer ${token}`);
  if (idempotencyKey !== undefined) req.set('Idempotency-Key', idempotencyKey);
  return req.send(body as object);
}

export function get(h: ApiHarness, token: string, path: string) {
  return request(h.http).get(path).set('Authorization', `Bearer ${token}`);
}

/** Records an event and insists it was recorded. */
export async function record(
  h: ApiHarness,
  token: string,
  caseId: string,
  body: EventBody,
  key: string = randomUUID(),
) {
  const res = await post(h, token, `/api/cases/${caseId}/events`, body, key);
  if (res.status !== 201) throw new Error(`${body.type} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res;
}

export async function openCase(h: ApiHarness, token: string, studentId: string): Promise<string> {
  const res = await post(h, token, '/api/cases', {
    studentId,
    trigger: 'absence-percentage',
    absencePercent: 12.5,
  });
  if (res.status !== 201) throw new Error(`open answered ${res.status}: ${JSON.stringify(res.body)}`);
  return (res.body as { caseId: string }).caseId;
}

/** Takes a case at step 1 to `target`, meeting every prerequisite, as its owner would. */
export async function advanceTo(
  h: ApiHarness,
  ownerToken: string,
  ownerId: string,
  caseId: string,
  target: Step,
): Promise<void> {
  if (target >= 2) await record(h, ownerToken, caseId, events.step1Contact());
  if (target >= 3) {
    await record(h, ownerToken, caseId, events.meeting('step2-meeting'));
    await record(h, ownerToken, caseId, events.measure(ownerId, 'Fast voksen tar imot eleven om morgenen'));
    await record(h, ownerToken, caseId, events.evaluation('next-step'));
  }
  if (target >= 4) {
    await record(h, ownerToken, caseId, events.consent());
    await record(h, ownerToken, caseId, events.referral());
    await record(h, ownerToken, caseId, events.meeting('team-around-student-meeting'));
    await record(h, ownerToken, caseId, events.teamAdvice());
    await record(h, ownerToken, caseId, events.evaluation('next-step'));
  }
}

/** Events people recorded on the case (timers add system events at their own pace). */
export async function eventCount(h: ApiHarness, caseId: string): Promise<number> {
  const [row] = (await h.db.query(
    `SELECT count(*)::int AS n FROM case_events WHERE case_id = $1 AND origin = 'person'`,
    [caseId],
  )) as { n: number }[];
  return row?.n ?? 0;
}

export async function waitFor<T>(
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** `SELECT count(*)::int AS n …` → n. */
export async function countRows(h: ApiHarness, sql: string, params: unknown[] = []): Promise<number> {
  const rows = (await h.db.query(sql, params)) as { n: number }[];
  return rows[0]?.n ?? 0;
}
