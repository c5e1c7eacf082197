import { defaultLadderPolicy } from './default-policy';
import { DEADLINE_KINDS } from './model';
import { validateLadderPolicy } from './policy-config';
import { shortTestPolicy } from './testing';

describe('defaultLadderPolicy', () => {
  const policy = defaultLadderPolicy();

  it('is a valid policy', () => {
    expect(validateLadderPolicy(policy)).toEqual([]);
  });

  it("carries the guide's deadlines", () => {
    const spans = Object.fromEntries(DEADLINE_KINDS.map((kind) => [kind, policy.deadlines[kind].span]));
    expect(spans).toEqual({
      'step1-contact': { unit: 'same-school-day' },
      'step2-meeting': { unit: 'school-days', count: 5 },
      'step2-evaluation': { unit: 'school-days', count: 15 },
      'step3-referral': { unit: 'school-days', count: 5 },
      'step3-meeting': { unit: 'school-days', count: 5 },
      'step3-evaluation': { unit: 'school-days', count: 15 },
      'step4-meeting': { unit: 'school-days', count: 15 },
      'step4-evaluation': { unit: 'school-days', count: 15 },
    });
    expect(policy.schoolDayEndsAt).toBe('15:00');
    expect(policy.continueAsNewAfterEvents).toBe(500);
  });

  it('reminds two hours before a same-day deadline and school days before the others', () => {
    expect(policy.deadlines['step1-contact'].remindBefore).toEqual({ unit: 'hours', count: 2 });
    expect(policy.deadlines['step2-meeting'].remindBefore).toEqual({ unit: 'school-days', count: 1 });
    expect(policy.deadlines['step3-evaluation'].remindBefore).toEqual({ unit: 'school-days', count: 2 });
  });

  it.each([
    ['step1-contact', ['contact-teacher', 'school-leadership'], ['school-leadership']],
    ['step2-evaluation', ['contact-teacher', 'school-leadership'], ['school-leadership']],
    ['step3-referral', ['school-leadership', 'ppt'], ['school-leadership', 'ppt']],
    ['step3-evaluation', ['school-leadership', 'ppt'], ['school-leadership', 'ppt']],
    ['step4-meeting', ['ppt', 'mobile-team'], ['ppt', 'mobile-team']],
    ['step4-evaluation', ['ppt', 'mobile-team'], ['ppt', 'mobile-team']],
  ] as const)('%s: missed → %j, escalated → %j', (kind, missed, escalated) => {
    expect(policy.deadlines[kind].notifyOnMissed).toEqual(missed);
    expect(policy.deadlines[kind].escalateTo).toEqual(escalated);
  });

  it('escalates one school day late at steps 1–2 and two at steps 3–4', () => {
    expect(policy.deadlines['step2-meeting'].escalateAfter).toEqual({ unit: 'school-days', count: 1 });
    expect(policy.deadlines['step3-meeting'].escalateAfter).toEqual({ unit: 'school-days', count: 2 });
    expect(policy.deadlines['step4-meeting'].escalateAfter).toEqual({ unit: 'school-days', count: 2 });
  });

  it('reminds leadership as well at step 4, where leadership attends', () => {
    expect(policy.deadlines['step3-meeting'].remindTo).toEqual(['contact-teacher']);
    expect(policy.deadlines['step4-meeting'].remindTo).toEqual(['contact-teacher', 'school-leadership']);
  });

  it('hands out a fresh copy each time', () => {
    const mine = defaultLadderPolicy();
    mine.deadlines['step2-meeting'].notifyOnMissed.push('ppt');
    (mine.deadlines['step2-meeting'].escalateAfter as { count: number }).count = 9;
    expect(defaultLadderPolicy().deadlines['step2-meeting'].notifyOnMissed).toEqual([
      'contact-teacher',
      'school-leadership',
    ]);
    expect(defaultLadderPolicy().deadlines['step1-contact'].escalateAfter).toEqual({
      unit: 'school-days',
      count: 1,
    });
  });
});

describe('shortTestPolicy', () => {
  it('is due in 6 s, reminds 3 s before and escalates 3 s after, with the default roles', () => {
    const policy = shortTestPolicy();
    expect(validateLadderPolicy(policy)).toEqual([]);
    for (const kind of DEADLINE_KINDS) {
      expect(policy.deadlines[kind]).toMatchObject({
        span: { unit: 'seconds', count: 6 },
        remindBefore: { unit: 'seconds', count: 3 },
        escalateAfter: { unit: 'seconds', count: 3 },
        escalateTo: defaultLadderPolicy().deadlines[kind].escalateTo,
      });
    }
    expect(policy.version).toBe('short-test-6s');
  });

  it('is tunable per test', () => {
    const policy = shortTestPolicy(20, {
      remindBeforeSeconds: 5,
      escalateAfterSeconds: 2,
      dueSeconds: { 'step1-contact': 8 },
      continueAsNewAfterEvents: 10,
    });
    expect(validateLadderPolicy(policy)).toEqual([]);
    expect(policy.deadlines['step1-contact'].span).toEqual({ unit: 'seconds', count: 8 });
    expect(policy.deadlines['step2-meeting'].span).toEqual({ unit: 'seconds', count: 20 });
    expect(policy.deadlines['step2-meeting'].remindBefore).toEqual({ unit: 'seconds', count: 5 });
    expect(policy.deadlines['step2-meeting'].escalateAfter).toEqual({ unit: 'seconds', count: 2 });
    expect(policy.continueAsNewAfterEvents).toBe(10);
  });

  it('refuses a policy whose reminder would come before the deadline opens', () => {
    expect(() => shortTestPolicy(1)).toThrow(RangeError);
    expect(() => shortTestPolicy(6, { remindBeforeSeconds: 6 })).toThrow(RangeError);
    expect(() => shortTestPolicy(6, { escalateAfterSeconds: 0 })).toThrow(RangeError);
  });
});
