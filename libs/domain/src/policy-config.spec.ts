import { defaultLadderPolicy } from './default-policy';
import { parsePolicyOverrides, validateLadderPolicy } from './policy-config';
import { shortTestPolicy } from './testing';

const base = defaultLadderPolicy();

function errorsOf(json: unknown): string[] {
  const result = parsePolicyOverrides(json, base);
  if (result.ok) throw new Error('expected the override to be refused');
  return result.errors;
}

describe('parsePolicyOverrides', () => {
  it('returns the base policy unchanged for an empty override', () => {
    expect(parsePolicyOverrides({}, base)).toEqual({ ok: true, policy: base });
    expect(parsePolicyOverrides(undefined, base)).toEqual({ ok: true, policy: base });
  });

  it('merges one field of one deadline kind and keeps the rest', () => {
    const result = parsePolicyOverrides(
      {
        version: 'kommune-2026-1',
        deadlines: { 'step2-meeting': { span: { unit: 'school-days', count: 4 } } },
      },
      base,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.policy.version).toBe('kommune-2026-1');
    expect(result.policy.deadlines['step2-meeting']).toEqual({
      ...base.deadlines['step2-meeting'],
      span: { unit: 'school-days', count: 4 },
    });
    expect(result.policy.deadlines['step3-meeting']).toEqual(base.deadlines['step3-meeting']);
    expect(base.deadlines['step2-meeting'].span).toEqual({ unit: 'school-days', count: 5 });
  });

  it('replaces role lists and top-level fields', () => {
    const result = parsePolicyOverrides(
      {
        version: 'kommune-2026-2',
        schoolDayEndsAt: '14:30',
        continueAsNewAfterEvents: 200,
        deadlines: { 'step4-meeting': { escalateTo: ['ppt', 'mobile-team', 'health-nurse'] } },
      },
      base,
    );
    expect(result).toMatchObject({
      ok: true,
      policy: {
        schoolDayEndsAt: '14:30',
        continueAsNewAfterEvents: 200,
        deadlines: { 'step4-meeting': { escalateTo: ['ppt', 'mobile-team', 'health-nurse'] } },
      },
    });
  });

  it('accepts the JSON text as well', () => {
    const result = parsePolicyOverrides(
      '{"version":"v2","deadlines":{"step1-contact":{"remindBefore":{"unit":"hours","count":3}}}}',
      base,
    );
    expect(result.ok && result.policy.deadlines['step1-contact'].remindBefore).toEqual({
      unit: 'hours',
      count: 3,
    });
  });

  it.each<[string, unknown, string]>([
    ['text that is not JSON', '{version:', '(root): not valid JSON'],
    ['a list at the root', [], '(root): must be an object'],
    ['an unknown top-level key', { version: 'v2', deadline: {} }, 'deadline: unknown key'],
    [
      'an unknown deadline kind',
      { version: 'v2', deadlines: { 'step5-meeting': {} } },
      'deadlines.step5-meeting: unknown key',
    ],
    [
      'an unknown rule key',
      { version: 'v2', deadlines: { 'step2-meeting': { remind: {} } } },
      'deadlines.step2-meeting.remind: unknown key',
    ],
    [
      'a rule that is not an object',
      { version: 'v2', deadlines: { 'step2-meeting': 5 } },
      'deadlines.step2-meeting: must be an object',
    ],
    [
      'deadlines that are not an object',
      { version: 'v2', deadlines: [] },
      'deadlines: must be an object keyed by deadline kind',
    ],
    [
      'a zero count',
      { version: 'v2', deadlines: { 'step2-meeting': { span: { unit: 'school-days', count: 0 } } } },
      'deadlines.step2-meeting.span.count: must be a whole number from 1 to 190, got 0',
    ],
    [
      'a fractional count',
      { version: 'v2', deadlines: { 'step2-meeting': { span: { unit: 'school-days', count: 2.5 } } } },
      'deadlines.step2-meeting.span.count: must be a whole number',
    ],
    [
      'a count as text',
      { version: 'v2', deadlines: { 'step2-meeting': { escalateAfter: { unit: 'hours', count: '4' } } } },
      'deadlines.step2-meeting.escalateAfter.count: must be a whole number from 1 to 720, got "4"',
    ],
    [
      'a span without a count',
      { version: 'v2', deadlines: { 'step2-meeting': { span: { unit: 'school-days' } } } },
      'deadlines.step2-meeting.span.count: must be a whole number',
    ],
    [
      'an absurd count',
      { version: 'v2', deadlines: { 'step2-meeting': { span: { unit: 'school-days', count: 500 } } } },
      'deadlines.step2-meeting.span.count: must be a whole number from 1 to 190',
    ],
    [
      'an unknown span unit',
      { version: 'v2', deadlines: { 'step2-meeting': { span: { unit: 'weeks', count: 1 } } } },
      'deadlines.step2-meeting.span.unit: must be one of same-school-day, school-days, seconds',
    ],
    [
      'hours as a span',
      { version: 'v2', deadlines: { 'step2-meeting': { span: { unit: 'hours', count: 48 } } } },
      'deadlines.step2-meeting.span.unit',
    ],
    [
      'same-school-day as an offset',
      { version: 'v2', deadlines: { 'step2-meeting': { remindBefore: { unit: 'same-school-day' } } } },
      'deadlines.step2-meeting.remindBefore.unit: must be one of hours, school-days, seconds',
    ],
    [
      'an extra key in a span',
      { version: 'v2', deadlines: { 'step1-contact': { span: { unit: 'same-school-day', count: 1 } } } },
      'deadlines.step1-contact.span.count: unknown key',
    ],
    [
      'an unknown role',
      { version: 'v2', deadlines: { 'step3-meeting': { escalateTo: ['rektor'] } } },
      'deadlines.step3-meeting.escalateTo[0]: unknown role "rektor"',
    ],
    [
      'a duplicate role',
      { version: 'v2', deadlines: { 'step3-meeting': { notifyOnMissed: ['ppt', 'ppt'] } } },
      "deadlines.step3-meeting.notifyOnMissed[1]: duplicate role 'ppt'",
    ],
    [
      'nobody to escalate to',
      { version: 'v2', deadlines: { 'step3-meeting': { escalateTo: [] } } },
      'deadlines.step3-meeting.escalateTo: must be a non-empty list',
    ],
    [
      'an unknown reminder role',
      { version: 'v2', deadlines: { 'step3-meeting': { remindTo: ['teacher'] } } },
      'deadlines.step3-meeting.remindTo[0]: unknown role',
    ],
    [
      'a reminder as long as the span',
      { version: 'v2', deadlines: { 'step2-meeting': { remindBefore: { unit: 'school-days', count: 5 } } } },
      'deadlines.step2-meeting.remindBefore: must be fewer school days than the span (5)',
    ],
    [
      'a reminder school days before a same-day deadline',
      { version: 'v2', deadlines: { 'step1-contact': { remindBefore: { unit: 'school-days', count: 1 } } } },
      'deadlines.step1-contact.remindBefore: a same-school-day deadline cannot be reminded school days before',
    ],
    [
      'a reminder a day before a same-day deadline',
      { version: 'v2', deadlines: { 'step1-contact': { remindBefore: { unit: 'hours', count: 24 } } } },
      'deadlines.step1-contact.remindBefore: must be shorter than a day',
    ],
    [
      'a bad end of the school day',
      { version: 'v2', schoolDayEndsAt: '3pm' },
      "schoolDayEndsAt: must be a local time HH:MM, got '3pm'",
    ],
    [
      'a zero continue-as-new threshold',
      { version: 'v2', continueAsNewAfterEvents: 0 },
      'continueAsNewAfterEvents: must be a whole number >= 1',
    ],
    [
      'a change without a version',
      { schoolDayEndsAt: '14:00' },
      'version: required when overriding the policy',
    ],
    [
      'a change keeping the base version',
      { version: base.version, schoolDayEndsAt: '14:00' },
      "version: must differ from the base policy's version",
    ],
    ['an empty version', { version: ' ' }, 'version: must be a non-empty string'],
  ])('refuses %s', (_label, json, message) => {
    expect(errorsOf(json)).toEqual(expect.arrayContaining([expect.stringContaining(message)]));
  });

  it('reports every problem at once, each once', () => {
    const errors = errorsOf({
      deadlines: {
        'step2-meeting': { span: { unit: 'school-days', count: -1 }, foo: 1 },
        'step4-meeting': { escalateTo: ['nobody'] },
      },
    });
    expect(errors).toEqual([
      'deadlines.step2-meeting.foo: unknown key; expected one of span, remindBefore, remindTo, notifyOnMissed, escalateAfter, escalateTo',
      'version: required when overriding the policy (it is recorded on each case)',
      'deadlines.step2-meeting.span.count: must be a whole number from 1 to 190, got -1',
      'deadlines.step4-meeting.escalateTo[0]: unknown role "nobody"; expected one of contact-teacher, school-leadership, social-teacher, competence-team, ppt, mobile-team, health-nurse',
    ]);
  });

  it('checks reminders against spans in seconds', () => {
    const short = shortTestPolicy();
    const result = parsePolicyOverrides(
      { version: 'short-2', deadlines: { 'step2-meeting': { remindBefore: { unit: 'seconds', count: 6 } } } },
      short,
    );
    expect(result).toEqual({
      ok: false,
      errors: ['deadlines.step2-meeting.remindBefore: must be shorter than the span (6 s)'],
    });
  });
});

describe('validateLadderPolicy', () => {
  it('reports a missing deadline kind', () => {
    const policy = defaultLadderPolicy();
    delete (policy.deadlines as Partial<typeof policy.deadlines>)['step3-referral'];
    expect(validateLadderPolicy(policy)).toEqual(['deadlines.step3-referral: missing']);
  });
});
