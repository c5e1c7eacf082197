// The notices the case workflow asks for, one per kind, in bokmål. They receive only what a reader may
// see: the step, the deadline, times, and the student as already reduced by studentMention().
import type { DeadlineKind, Instant, NotificationRequest, StaffRole, Step } from '@tiltak/domain';
import { deadlineKindName, roleListName, stepName } from '../norwegian-names';
import { formatOsloDate, formatOsloDateTime, isSameOsloDate } from '../oslo-format';
import type { StudentMention } from '../student-reference';
import { renderEmail, type EmailBlock, type RenderedEmail } from './email-layout';

export type CaseNoticeKind = NotificationRequest['kind'];

export interface CaseNoticeInput {
  kind: CaseNoticeKind;
  caseId: string;
  step: Step;
  deadlineKind: DeadlineKind | null;
  dueAt: Instant | null;
  requestedAt: Instant;
  student: StudentMention;
  /** The role this copy goes to. */
  recipientRole: StaffRole;
  /** Every role the request names, to tell the reader who else was told. */
  notifiedRoles: readonly StaffRole[];
  /** Roles nobody holds at the school, for which this copy (to leadership) stands in; usually empty. */
  fallbackFor: readonly StaffRole[];
  schoolName: string | null;
  publicBaseUrl: string;
}

export function caseLink(publicBaseUrl: string, caseId: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/cases/${encodeURIComponent(caseId)}`;
}

export function renderCaseNotice(input: CaseNoticeInput): RenderedEmail {
  const notice = NOTICES[input.kind](input);
  const blocks: EmailBlock[] = [...notice.blocks];
  if (input.fallbackFor.length > 0) {
    blocks.push({
      type: 'paragraph',
      text:
        `Du får denne e-posten fordi ingen mottaker er registrert for ${roleListName(input.fallbackFor)} ved skolen. ` +
        'Legg inn riktig mottaker i personalkatalogen, og sørg for at saken blir fulgt opp.',
    });
  }
  blocks.push({
    type: 'link',
    label: 'Åpne saken i Tiltakstrappa',
    url: caseLink(input.publicBaseUrl, input.caseId),
  });
  return renderEmail(notice.subject, blocks);
}

interface Notice {
  subject: string;
  blocks: EmailBlock[];
}

const NOTICES: Record<CaseNoticeKind, (input: CaseNoticeInput) => Notice> = {
  'case-opened': (input) => {
    const due = input.dueAt;
    const dueToday = due !== null && isSameOsloDate(due, input.requestedAt);
    const when = due === null ? 'i dag' : dueToday ? 'i dag' : `innen ${formatOsloDate(due)}`;
    return {
      subject: `Ny sak om fravær (${input.student.reference}): trinn 1 skal gjøres ${when}`,
      blocks: [
        {
          type: 'paragraph',
          text: endSentence(
            `Det er opprettet en sak om bekymringsfullt fravær${atSchool(input)}: ${input.student.inSentence}`,
          ),
        },
        {
          type: 'paragraph',
          text:
            'Trinn 1 er å oppklare bekymringen: snakk med eleven og ta kontakt med foresatte samme dag som ' +
            'bekymringen meldes. Registrer samtalen og konklusjonen i Tiltakstrappa.',
        },
        facts(input, [
          ['Trinn', stepName(input.step)],
          ...(due ? [['Frist', `${formatOsloDateTime(due)}${dueToday ? ' (i dag)' : ''}`] as const] : []),
        ]),
      ],
    };
  },

  reminder: (input) => {
    const what = whatIsDue(input);
    return {
      subject: `Påminnelse (${input.student.reference}): ${what}${input.dueAt ? `, frist ${formatOsloDateTime(input.dueAt)}` : ''}`,
      blocks: [
        { type: 'paragraph', text: `Fristen for ${what} i ${input.student.inSentence} nærmer seg.` },
        {
          type: 'paragraph',
          text: 'Registrer det som er gjort i Tiltakstrappa før fristen går ut.',
        },
        facts(input, [['Trinn', stepName(input.step)], ['Gjelder', what], ...dueRow('Frist', input.dueAt)]),
      ],
    };
  },

  'deadline-missed': (input) => {
    const what = whatIsDue(input);
    return {
      subject: `Frist passert (${input.student.reference}): ${what}`,
      blocks: [
        {
          type: 'paragraph',
          text:
            `Fristen for ${what} i ${input.student.inSentence} gikk ut` +
            `${input.dueAt ? ` ${formatOsloDateTime(input.dueAt)}` : ''}, uten at det er registrert i Tiltakstrappa.`,
        },
        {
          type: 'paragraph',
          text: `Varselet går til ${roleListName(input.notifiedRoles)}. Følg opp saken så snart som mulig, eller registrer det som er gjort.`,
        },
        facts(input, [
          ['Trinn', stepName(input.step)],
          ['Forsinket', what],
          ...dueRow('Fristen gikk ut', input.dueAt),
        ]),
      ],
    };
  },

  escalation: (input) => {
    const what = whatIsDue(input);
    const targets = roleListName(input.notifiedRoles);
    return {
      subject: `Eskalert til ${targets} (${input.student.reference}): ${what} er forsinket`,
      blocks: [
        {
          type: 'paragraph',
          text: `${capitalise(input.student.inSentence)} er eskalert til ${targets} fordi ${what} ikke er gjennomført innen fristen.`,
        },
        {
          type: 'paragraph',
          text: 'Åpne saken for å se hva som er gjort, og avtal videre oppfølging med skolen.',
        },
        facts(input, [
          ['Trinn', stepName(input.step)],
          ['Forsinket', what],
          ...dueRow('Forsinket siden', input.dueAt),
          ['Eskalert', formatOsloDateTime(input.requestedAt)],
        ]),
      ],
    };
  },

  'evaluation-due': (input) => {
    const what = whatIsDue(input);
    return {
      subject: `Tid for evaluering (${input.student.reference})${input.dueAt ? `: frist ${formatOsloDate(input.dueAt)}` : ''}`,
      blocks: [
        {
          type: 'paragraph',
          text:
            `Tiltaksperioden i ${input.student.inSentence} er over, og tiltakene skal evalueres` +
            `${input.dueAt ? ` innen ${formatOsloDateTime(input.dueAt)}` : ''}.`,
        },
        {
          type: 'paragraph',
          text:
            'Evalueringen skal få fram elevens stemme og fraværet nå, og ende med en beslutning: avslutte ' +
            'saken, fortsette med justerte tiltak eller gå videre til neste trinn.',
        },
        facts(input, [['Trinn', stepName(input.step)], ['Gjelder', what], ...dueRow('Frist', input.dueAt)]),
      ],
    };
  },

  referral: (input) => {
    const when = facts(input, [
      ['Trinn', stepName(input.step)],
      ['Meldt', formatOsloDateTime(input.requestedAt)],
      ...(input.deadlineKind && input.dueAt
        ? [[`Frist for ${deadlineKindName(input.deadlineKind)}`, formatOsloDateTime(input.dueAt)] as const]
        : []),
    ]);
    if (input.step === 4) {
      // A step-4 referral names one partner of the interdisciplinary collaboration.
      const partner = roleListName(input.notifiedRoles);
      return {
        subject: `Ny sak til ${partner} (${input.student.reference})`,
        blocks: [
          {
            type: 'paragraph',
            text: `${capitalise(input.student.inSentence)} er henvist til ${partner}${atSchool(input)} for tverrfaglig samarbeid (trinn 4).`,
          },
          {
            type: 'paragraph',
            text: 'Saken er nå tilgjengelig for dere. Avtal samarbeidsmøte med skolen; møtene holdes minst hver tredje uke.',
          },
          when,
        ],
      };
    }
    return {
      subject: `Ny sak til kompetanseteamet (${input.student.reference})`,
      blocks: [
        {
          type: 'paragraph',
          text: `${capitalise(input.student.inSentence)} er meldt til kompetanseteamet${atSchool(input)} (trinn 3), etter avklaring med foresatte.`,
        },
        {
          type: 'paragraph',
          text:
            'Teamet gir råd til skolen, og det skal holdes samarbeidsmøte med teamet rundt eleven. ' +
            'Rådene tas med i evalueringen etter tiltaksperioden.',
        },
        when,
      ],
    };
  },
};

function facts(input: CaseNoticeInput, rows: ReadonlyArray<readonly [string, string]>): EmailBlock {
  return {
    type: 'facts',
    rows: [
      [input.student.label, input.student.reference],
      ...(input.schoolName ? [['Skole', input.schoolName] as const] : []),
      ...rows,
    ],
  };
}

function dueRow(label: string, dueAt: Instant | null): Array<readonly [string, string]> {
  return dueAt ? [[label, formatOsloDateTime(dueAt)]] : [];
}

function whatIsDue(input: CaseNoticeInput): string {
  return input.deadlineKind ? deadlineKindName(input.deadlineKind) : stepName(input.step);
}

function atSchool(input: CaseNoticeInput): string {
  return input.schoolName ? ` ved ${input.schoolName}` : '';
}

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase('nb-NO') + text.slice(1);
}

/** Initials end in a full stop already ("K.N."): a sentence ending on them gets no second one. */
function endSentence(text: string): string {
  return text.endsWith('.') ? text : `${text}.`;
}
