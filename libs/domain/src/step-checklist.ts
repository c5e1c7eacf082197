// What the case's current step still lacks, as people read it: one table of codes with the Norwegian
// text a teacher or leader sees, and when each item is done. The workflow's validator refuses an
// evaluation while an item that blocks it is open (missingBeforeEvaluation), and the API shows the
// same list, so what the page says is missing is exactly what the workflow will insist on.
import type { CaseState, Step } from './model';

export const CHECKLIST_CODES = [
  'step1-contact',
  'step2-meeting',
  'step2-measure',
  'step3-consent',
  'step3-referral',
  'step3-team-meeting',
  'step3-team-advice',
  'step4-collaboration-meeting',
] as const;
export type ChecklistCode = (typeof CHECKLIST_CODES)[number];

export interface ChecklistItem {
  code: ChecklistCode;
  /** Norwegian bokmål, for the people who work the case. */
  text: string;
}

type ChecklistFacts = Pick<CaseState, 'step' | 'status' | 'stepProgress' | 'measures'>;

interface ChecklistRule {
  step: Step;
  text: string;
  /** Whether the step's evaluation must wait for it. */
  blocksEvaluation: boolean;
  done: (state: ChecklistFacts) => boolean;
}

/** In the order the guide takes them. */
export const CHECKLIST: Readonly<Record<ChecklistCode, ChecklistRule>> = {
  'step1-contact': {
    step: 1,
    text: 'Snakk med eleven og ta kontakt med foresatte samme dag, og registrer samtalen.',
    // Step 1 has no evaluation: recording the call moves the case on (or closes it).
    blocksEvaluation: false,
    done: () => false,
  },
  'step2-meeting': {
    step: 2,
    text: 'Hold møte med eleven og foresatte innen én uke.',
    blocksEvaluation: true,
    done: (state) => state.stepProgress.meetingHeld,
  },
  'step2-measure': {
    step: 2,
    text: 'Avtal minst ett tiltak i samarbeidsavtalen.',
    blocksEvaluation: true,
    done: (state) => state.measures.some((measure) => measure.step === 2),
  },
  'step3-consent': {
    step: 3,
    text: 'Innhent foresattes samtykke før saken meldes til kompetanseteamet.',
    // The referral needs it (and blocks the evaluation itself).
    blocksEvaluation: false,
    done: (state) => state.stepProgress.consentGiven === true || state.stepProgress.referralSent,
  },
  'step3-referral': {
    step: 3,
    text: 'Meld saken til kompetanseteamet.',
    blocksEvaluation: true,
    done: (state) => state.stepProgress.referralSent,
  },
  'step3-team-meeting': {
    step: 3,
    text: 'Hold samarbeidsmøte med teamet rundt eleven.',
    blocksEvaluation: true,
    done: (state) => state.stepProgress.meetingHeld,
  },
  'step3-team-advice': {
    step: 3,
    text: 'Registrer kompetanseteamets råd.',
    blocksEvaluation: true,
    done: (state) => state.stepProgress.teamAdviceRecorded,
  },
  'step4-collaboration-meeting': {
    step: 4,
    text: 'Hold tverrfaglig samarbeidsmøte med PPT, mobilt team eller helsetjenesten.',
    blocksEvaluation: true,
    done: (state) => state.stepProgress.meetingHeld,
  },
};

/** What the current step still lacks, in order; empty for a closed case. */
export function stepChecklist(state: ChecklistFacts): ChecklistItem[] {
  if (state.status === 'closed') return [];
  return CHECKLIST_CODES.filter((code) => {
    const rule = CHECKLIST[code];
    return rule.step === state.step && !rule.done(state);
  }).map((code) => ({ code, text: CHECKLIST[code].text }));
}

/** The open items the step's evaluation waits for (empty when it may be evaluated). */
export function checklistBlockingEvaluation(state: ChecklistFacts): ChecklistCode[] {
  return stepChecklist(state)
    .map((item) => item.code)
    .filter((code) => CHECKLIST[code].blocksEvaluation);
}
