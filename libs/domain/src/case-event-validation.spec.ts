import { MAX_TEXT_LENGTH } from './case-event-schema';
import { validateCaseEventShape } from './case-event-validation';
import { CASE_EVENT_TYPES, type CaseEvent } from './model';
import { buildCaseEvent, meetingHeld } from './testing';

const at = '2026-11-23T09:00:00.000Z';

/** A deep copy of a valid event with the field at `path` set to `value` (removed when undefined). */
function broken(event: CaseEvent, path: string, value?: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(event)) as Record<string, unknown>;
  const keys = path.split('.');
  const last = keys.pop() as string;
  const parent = keys.reduce((node, key) => node[key] as Record<string, unknown>, copy);
  if (value === undefined) delete parent[last];
  else parent[last] = value;
  return copy;
}

describe('validateCaseEventShape', () => {
  it.each(CASE_EVENT_TYPES)('accepts the factory’s %s', (type) => {
    expect(validateCaseEventShape(buildCaseEvent(type))).toEqual([]);
  });

  it('accepts text of exactly the maximum length', () => {
    expect(
      validateCaseEventShape(
        buildCaseEvent('note-added', { payload: { text: 'x'.repeat(MAX_TEXT_LENGTH) } }),
      ),
    ).toEqual([]);
  });

  it.each<[string, unknown, string]>([
    ['a non-object', 'meeting', '(event): must be an object'],
    ['an unknown type', broken(buildCaseEvent('note-added'), 'type', 'phone-call'), 'type: must be one of'],
    [
      'an unknown envelope field',
      broken(buildCaseEvent('note-added'), 'studentName', 'x'),
      'studentName: unknown field',
    ],
    [
      'an empty event id',
      broken(buildCaseEvent('note-added'), 'eventId', ''),
      'eventId: must be a non-empty id',
    ],
    [
      'an over-long event id',
      broken(buildCaseEvent('note-added'), 'eventId', 'x'.repeat(201)),
      'eventId: must be a non-empty id',
    ],
    [
      'an unknown actor role',
      broken(buildCaseEvent('note-added'), 'actor.role', 'janitor'),
      'actor.role: must be one of',
    ],
    ['a missing actor', broken(buildCaseEvent('note-added'), 'actor'), 'actor: missing'],
    [
      'a local occurredAt',
      broken(buildCaseEvent('note-added'), 'occurredAt', '2026-11-23 10:00'),
      'occurredAt: must be an ISO-8601 instant',
    ],
    ['a missing payload', broken(buildCaseEvent('note-added'), 'payload'), 'payload: must be an object'],
    [
      'an unknown payload field',
      broken(buildCaseEvent('note-added'), 'payload.diagnosis', 'x'),
      'payload.diagnosis: unknown field',
    ],
    [
      'an over-long text',
      buildCaseEvent('note-added', { payload: { text: 'x'.repeat(MAX_TEXT_LENGTH + 1) } }),
      `payload.text: at most ${MAX_TEXT_LENGTH} characters`,
    ],
    [
      'an empty note',
      buildCaseEvent('note-added', { payload: { text: '  ' } }),
      'payload.text: must not be empty',
    ],
    [
      'a step-1 contact without the guardians',
      buildCaseEvent('step1-contact', { payload: { guardiansContacted: false } }),
      'payload.guardiansContacted: must be true',
    ],
    [
      'an unknown weekday',
      broken(buildCaseEvent('step1-contact'), 'payload.pattern.weekdays', ['saturday']),
      'payload.pattern.weekdays[0]: must be one of monday',
    ],
    [
      'a repeated weekday',
      broken(buildCaseEvent('step1-contact'), 'payload.pattern.weekdays', ['monday', 'monday']),
      "payload.pattern.weekdays[1]: duplicate 'monday'",
    ],
    [
      'a pattern flag as text',
      broken(buildCaseEvent('step1-contact'), 'payload.pattern.lateArrivals', 'yes'),
      'payload.pattern.lateArrivals: must be true or false',
    ],
    [
      'an unknown conclusion',
      buildCaseEvent('step1-contact', { payload: { conclusion: 'maybe' as never } }),
      'payload.conclusion: must be one of explained, concern-remains',
    ],
    [
      'an unknown meeting kind',
      buildCaseEvent('meeting-held', { payload: { kind: 'lunch' as never } }),
      'payload.kind: must be one of',
    ],
    [
      'an impossible meeting date',
      buildCaseEvent('meeting-held', { payload: { heldOn: '2026-02-30' } }),
      'payload.heldOn: must be a valid date',
    ],
    [
      'a next meeting before this one',
      buildCaseEvent('meeting-held', { payload: { heldOn: '2026-11-23', nextMeetingOn: '2026-11-22' } }),
      'payload.nextMeetingOn: 2026-11-22 is before heldOn 2026-11-23',
    ],
    [
      'no participants',
      buildCaseEvent('meeting-held', { payload: { participants: [] } }),
      'payload.participants: must hold at least 1',
    ],
    [
      'an unknown participant',
      buildCaseEvent('meeting-held', { payload: { participants: ['student', 'uncle' as never] } }),
      'payload.participants[1]: must be one of',
    ],
    [
      'a repeated participant',
      buildCaseEvent('meeting-held', { payload: { participants: ['student', 'student'] } }),
      "payload.participants[1]: duplicate 'student'",
    ],
    [
      'an unknown student participation',
      buildCaseEvent('meeting-held', { payload: { studentParticipation: 'absent' as never } }),
      'payload.studentParticipation: must be one of',
    ],
    [
      'a collaboration meeting without leadership',
      meetingHeld('collaboration-meeting', at, { payload: { participants: ['contact-teacher', 'ppt'] } }),
      'payload.participants: a collaboration meeting (step 4) needs school-leadership',
    ],
    [
      'a mapping without an area',
      broken(buildCaseEvent('mapping-recorded'), 'payload.areas.home'),
      'payload.areas.home: missing',
    ],
    [
      'a mapping with an unknown area',
      broken(buildCaseEvent('mapping-recorded'), 'payload.areas.work', { riskFactors: [], summary: '' }),
      'payload.areas.work: unknown field',
    ],
    [
      'an unknown risk factor',
      broken(buildCaseEvent('mapping-recorded'), 'payload.areas.school.riskFactors', ['boredom']),
      'payload.areas.school.riskFactors[0]: must be one of',
    ],
    [
      'a repeated risk factor',
      broken(buildCaseEvent('mapping-recorded'), 'payload.areas.school.riskFactors', [
        'bullying',
        'bullying',
      ]),
      "payload.areas.school.riskFactors[1]: duplicate 'bullying'",
    ],
    [
      'a measure without what',
      buildCaseEvent('measure-planned', { payload: { what: '' } }),
      'payload.what: must not be empty',
    ],
    [
      'a measure evaluated before it starts',
      buildCaseEvent('measure-planned', { payload: { startsOn: '2026-11-24', evaluateBy: '2026-11-23' } }),
      'payload.evaluateBy: 2026-11-23 is before startsOn 2026-11-24',
    ],
    [
      'a measure with a bad start',
      buildCaseEvent('measure-planned', { payload: { startsOn: '24.11.2026' } }),
      'payload.startsOn: must be a valid date',
    ],
    [
      'a staff responsible without id',
      buildCaseEvent('measure-planned', { payload: { responsible: { kind: 'staff' } } }),
      'payload.responsible.staffId: must be a non-empty id',
    ],
    [
      'a staff responsible with an unknown role',
      buildCaseEvent('measure-planned', {
        payload: { responsible: { kind: 'staff', staffId: 'staff-kt-1', role: 'coach' as never } },
      }),
      'payload.responsible.role: must be one of',
    ],
    [
      'guardians responsible with a staff id',
      buildCaseEvent('measure-planned', {
        payload: { responsible: { kind: 'guardians', staffId: 'staff-kt-1' } },
      }),
      'payload.responsible: staffId and role belong to a staff member, not to guardians',
    ],
    [
      'an absence above 100 %',
      buildCaseEvent('evaluation-recorded', { payload: { absencePercent: 101 } }),
      'payload.absencePercent: must be a number from 0 to 100, got 101',
    ],
    [
      'a negative absence',
      buildCaseEvent('evaluation-recorded', { payload: { absencePercent: -1 } }),
      'payload.absencePercent: must be a number from 0 to 100',
    ],
    [
      'an absence that is not a number',
      broken(buildCaseEvent('evaluation-recorded'), 'payload.absencePercent', '12'),
      'payload.absencePercent: must be a number from 0 to 100',
    ],
    [
      'an evaluation without the student’s voice',
      buildCaseEvent('evaluation-recorded', { payload: { studentVoice: ' ' } }),
      'payload.studentVoice: must not be empty',
    ],
    [
      'an evaluation without absence',
      broken(buildCaseEvent('evaluation-recorded'), 'payload.absencePercent'),
      'payload.absencePercent: must be a number',
    ],
    [
      'an unknown decision',
      buildCaseEvent('evaluation-recorded', { payload: { decision: 'wait' as never } }),
      'payload.decision: must be one of',
    ],
    [
      'an unknown effect',
      buildCaseEvent('evaluation-recorded', { payload: { effect: 'mixed' as never } }),
      'payload.effect: must be one of',
    ],
    [
      'consent as text',
      broken(buildCaseEvent('guardian-consent-recorded'), 'payload.consentGiven', 'yes'),
      'payload.consentGiven: must be true or false',
    ],
    [
      'a referral to someone else',
      broken(buildCaseEvent('referral-sent'), 'payload.to', 'gp'),
      'payload.to: must be one of competence-team, ppt, mobile-team, health-nurse',
    ],
    [
      'empty team advice',
      buildCaseEvent('team-advice-recorded', { payload: { advice: '' } }),
      'payload.advice: must not be empty',
    ],
    [
      'an empty new owner',
      buildCaseEvent('owner-reassigned', { payload: { newOwnerStaffId: '' } }),
      'payload.newOwnerStaffId: must be a non-empty id',
    ],
    [
      'an unknown pause reason',
      buildCaseEvent('case-paused', { payload: { reason: 'holiday' as never } }),
      'payload.reason: must be one of',
    ],
    [
      'a pause for another reason without explanation',
      buildCaseEvent('case-paused', { payload: { reason: 'other', explanation: '' } }),
      'payload.explanation: must not be empty',
    ],
    [
      'a resume with a payload',
      broken(buildCaseEvent('case-resumed'), 'payload.note', 'x'),
      'payload.note: unknown field',
    ],
    [
      'a close for another reason without explanation',
      buildCaseEvent('case-closed', { payload: { reason: 'other', explanation: '' } }),
      'payload.explanation: must not be empty',
    ],
  ])('refuses %s', (_label, event, message) => {
    expect(validateCaseEventShape(event)).toEqual(expect.arrayContaining([expect.stringContaining(message)]));
  });

  it('lists every problem, not just the first', () => {
    const errors = validateCaseEventShape(
      buildCaseEvent('evaluation-recorded', {
        payload: { absencePercent: 140, studentVoice: '', decision: 'x' as never },
      }),
    );
    expect(errors).toHaveLength(3);
  });
});

describe('validateCaseEventShape: characters text may not hold', () => {
  /** Every string-valued path of an event that is free text or an id (enums and dates have their own rule). */
  function freeStringPaths(node: unknown, path = ''): string[] {
    if (typeof node === 'string') return [path];
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return [];
    return Object.entries(node).flatMap(([key, value]) =>
      freeStringPaths(value, path ? `${path}.${key}` : key),
    );
  }
  const ENUM_OR_TIME =
    /(^type$|^occurredAt$|\.role$|\.kind$|\.conclusion$|\.heldOn$|\.nextMeetingOn$|\.studentParticipation$|\.startsOn$|\.evaluateBy$|\.effect$|\.decision$|\.to$|\.reason$)/;
  const cases = CASE_EVENT_TYPES.flatMap((type) => {
    const event = buildCaseEvent(
      type,
      type === 'case-paused' || type === 'case-closed'
        ? ({ payload: { reason: 'other', explanation: 'forklaring' } } as never)
        : {},
    );
    return freeStringPaths(event)
      .filter((path) => !ENUM_OR_TIME.test(path))
      .map((path) => [type, path, event] as const);
  });

  it('covers the envelope ids and the payloads’ free text', () => {
    const paths = new Set(cases.map(([, path]) => path));
    for (const expected of [
      'eventId',
      'actor.staffId',
      'payload.text',
      'payload.what',
      'payload.measureId',
      'payload.studentVoice',
      'payload.newOwnerStaffId',
      'payload.explanation',
      'payload.areas.school.summary',
      'payload.guardiansView',
      'payload.summary',
      'payload.advice',
      'payload.responsible.staffId',
    ]) {
      expect(paths).toContain(expected);
    }
  });

  it.each(cases)('%s: refuses a NUL character in %s, naming the field', (_type, path, event) => {
    const errors = validateCaseEventShape(broken(event, path, 'a \u0000 b'));
    expect(errors).toEqual([`${path}: must not contain a NUL character (U+0000)`]);
  });

  it.each(cases)('%s: refuses a lone surrogate in %s', (_type, path, event) => {
    expect(validateCaseEventShape(broken(event, path, 'x\ud800'))).toEqual([
      `${path}: must not contain an unpaired surrogate (U+D800)`,
    ]);
  });

  it('refuses a bell character in a note', () => {
    expect(validateCaseEventShape(buildCaseEvent('note-added', { payload: { text: 'ding\u0007' } }))).toEqual(
      ['payload.text: must not contain a control character (U+0007)'],
    );
  });

  it('accepts CRLF line breaks, tabs and emoji in a note', () => {
    expect(
      validateCaseEventShape(buildCaseEvent('note-added', { payload: { text: 'linje 1\r\n\tlinje 2 👍' } })),
    ).toEqual([]);
  });
});
