// The guide's ladder as the default policy, and a seconds-scale twin for tests of running workflows.
import type { StaffRole } from './model';
import type { DeadlineRule, DeadlineSpan, LadderPolicy, Offset } from './policy';
import { defaultSchoolDayEnd } from './school-calendar';

// Fresh objects on every call, so a caller that edits its copy cannot change anyone else's.
const schoolDays = (count: number): Offset & DeadlineSpan => ({ unit: 'school-days', count });

// Who hears what, by step. Missed deadlines go to the people who can act on them; escalation moves up:
// leadership answers for steps 1–2, PPT joins at step 3 and partners with the mobile team at step 4.
const OWNER: StaffRole[] = ['contact-teacher'];
const OWNER_AND_LEADERSHIP: StaffRole[] = ['contact-teacher', 'school-leadership'];
const LEADERSHIP: StaffRole[] = ['school-leadership'];
const LEADERSHIP_AND_PPT: StaffRole[] = ['school-leadership', 'ppt'];
const PPT_AND_MOBILE_TEAM: StaffRole[] = ['ppt', 'mobile-team'];

function stepOneOrTwo(rule: Pick<DeadlineRule, 'span' | 'remindBefore'>): DeadlineRule {
  return {
    ...rule,
    remindTo: [...OWNER],
    notifyOnMissed: [...OWNER_AND_LEADERSHIP],
    escalateAfter: schoolDays(1),
    escalateTo: [...LEADERSHIP],
  };
}

function stepThree(rule: Pick<DeadlineRule, 'span' | 'remindBefore'>): DeadlineRule {
  return {
    ...rule,
    remindTo: [...OWNER],
    notifyOnMissed: [...LEADERSHIP_AND_PPT],
    escalateAfter: schoolDays(2),
    escalateTo: [...LEADERSHIP_AND_PPT],
  };
}

// A leadership representative attends step-4 meetings, so leadership is reminded too.
function stepFour(rule: Pick<DeadlineRule, 'span' | 'remindBefore'>): DeadlineRule {
  return {
    ...rule,
    remindTo: [...OWNER_AND_LEADERSHIP],
    notifyOnMissed: [...PPT_AND_MOBILE_TEAM],
    escalateAfter: schoolDays(2),
    escalateTo: [...PPT_AND_MOBILE_TEAM],
  };
}

/**
 * The guide's values: talk the same day; meetings and referral within a week (5 school days); measures
 * run three weeks (15 school days) before evaluation; step-4 collaboration within three weeks and then
 * at least every three weeks. Reminders: 2 hours before a same-day deadline, 1 school day before a
 * one-week deadline, 2 school days before a three-week one (time to book the meeting).
 */
export function defaultLadderPolicy(): LadderPolicy {
  return {
    version: 'guide-default-1',
    deadlines: {
      'step1-contact': stepOneOrTwo({
        span: { unit: 'same-school-day' },
        remindBefore: { unit: 'hours', count: 2 },
      }),
      'step2-meeting': stepOneOrTwo({ span: schoolDays(5), remindBefore: schoolDays(1) }),
      'step2-evaluation': stepOneOrTwo({ span: schoolDays(15), remindBefore: schoolDays(2) }),
      'step3-referral': stepThree({ span: schoolDays(5), remindBefore: schoolDays(1) }),
      'step3-meeting': stepThree({ span: schoolDays(5), remindBefore: schoolDays(1) }),
      'step3-evaluation': stepThree({ span: schoolDays(15), remindBefore: schoolDays(2) }),
      'step4-meeting': stepFour({ span: schoolDays(15), remindBefore: schoolDays(2) }),
      'step4-evaluation': stepFour({ span: schoolDays(15), remindBefore: schoolDays(2) }),
    },
    continueAsNewAfterEvents: 500,
    schoolDayEndsAt: defaultSchoolDayEnd,
  };
}
