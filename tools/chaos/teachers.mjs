// What the simulated teachers do with a case: the request bodies and when they send them. Some leave
// the deadlines to pass, some act in time, some act late.
const osloDate = (ms) => new Date(ms).toLocaleDateString('sv-SE', { timeZone: 'Europe/Oslo' });
const today = () => osloDate(Date.now());
const inThreeWeeks = () => osloDate(Date.now() + 21 * 24 * 3600 * 1000);

/** A small seeded generator (mulberry32): the same seed gives the same plan and kill moments. */
export function createRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The steps of one case, `afterMs` counted from its opening; `span` is the deadlines' seconds. */
export function planCase(random, span) {
  const s = (fraction) => Math.round(fraction * span * 1000);
  const r = random();
  if (r < 0.35) {
    // Nobody acts: step 1 is reminded, missed and escalated.
    return { name: 'ignored', steps: random() < 0.5 ? [{ event: 'note', afterMs: s(random()) }] : [] };
  }
  if (r < 0.55) {
    // The contact comes after the deadline was missed (sometimes after the escalation too).
    return {
      name: 'late',
      steps: [
        { event: 'note', afterMs: s(0.3) },
        { event: 'step1-contact', afterMs: s(1.05 + random() * 0.5) },
      ],
    };
  }
  const contact = 0.1 + random() * 0.5;
  return {
    name: 'prompt',
    steps: [
      { event: 'step1-contact', afterMs: s(contact) },
      { event: 'note', afterMs: s(contact + 0.1) },
      // Step 2's meeting: in time for some, after its deadline for others.
      { event: 'step2-meeting', afterMs: s(contact + 0.3 + random() * 1.3) },
    ],
  };
}

export const stepOneContact = () => ({
  type: 'step1-contact',
  payload: {
    talkedWithStudent: true,
    guardiansContacted: true,
    pattern: {
      weekdays: ['monday'],
      consecutiveDays: false,
      singleDays: true,
      lateArrivals: false,
      leavingEarly: false,
      appointmentsOrAssessmentDays: false,
    },
    guardiansView: 'Foresatte ønsker et møte (syntetisk).',
    conclusion: 'concern-remains',
  },
});

export const stepTwoMeeting = () => ({
  type: 'meeting-held',
  payload: {
    kind: 'step2-meeting',
    heldOn: today(),
    participants: ['contact-teacher', 'student', 'guardians'],
    studentParticipation: 'attended',
    nextMeetingOn: inThreeWeeks(),
    summary: 'Gikk gjennom skole, hjem og fritid (syntetisk).',
  },
});

export const note = () => ({ type: 'note-added', payload: { text: 'Ringte foresatte (syntetisk).' } });
