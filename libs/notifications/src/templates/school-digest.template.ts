// The weekly overview for a school's leadership (skolens ledelse): how many cases stand at each step,
// which deadlines have passed and which are coming. Leadership is school staff, so students appear as
// class and initials.
import type { DeadlineKind, Instant, Step } from '@tiltak/domain';
import { deadlineKindName, stepName } from '../norwegian-names';
import { formatOsloDate, formatOsloDateTime } from '../oslo-format';
import { caseLink } from './case-notice.template';
import { renderEmail, type EmailBlock, type ListItem, type RenderedEmail } from './email-layout';

export interface DigestDeadlineItem {
  caseId: string;
  /** studentReference('school-staff', …), e.g. '7B, K.N.'. */
  student: string;
  step: Step;
  deadlineKind: DeadlineKind;
  dueAt: Instant;
}

export interface SchoolDigestSummary {
  schoolId: string;
  schoolName: string;
  /** ISO week, e.g. '2026-W14'. */
  weekKey: string;
  generatedAt: Instant;
  openByStep: Record<Step, number>;
  paused: number;
  /** Oldest first. */
  overdue: DigestDeadlineItem[];
  /** Soonest first, due after `generatedAt` and up to `upcomingUntil`. */
  upcoming: DigestDeadlineItem[];
  upcomingUntil: Instant;
}

/** Long lists are cut so the email stays readable; the link shows everything. */
export const DIGEST_LIST_LIMIT = 40;

export function renderSchoolDigest(
  summary: SchoolDigestSummary,
  options: { publicBaseUrl: string },
): RenderedEmail {
  const open = ([1, 2, 3, 4] as const).reduce((sum, step) => sum + summary.openByStep[step], 0);
  const week = weekLabel(summary.weekKey);
  const item = (entry: DigestDeadlineItem, verb: string): ListItem => ({
    text: `${entry.student}: ${deadlineKindName(entry.deadlineKind)}, ${verb} ${formatOsloDateTime(entry.dueAt)}`,
    url: caseLink(options.publicBaseUrl, entry.caseId),
  });
  const blocks: EmailBlock[] = [
    {
      type: 'paragraph',
      text: `Oversikt over saker om bekymringsfullt fravær ved ${summary.schoolName}, ${formatOsloDateTime(summary.generatedAt)}.`,
    },
    { type: 'heading', text: `Åpne saker: ${open}` },
    {
      type: 'facts',
      rows: [
        ...([1, 2, 3, 4] as const).map(
          (step) => [capitalise(stepName(step)), String(summary.openByStep[step])] as const,
        ),
        ['Satt på pause', String(summary.paused)],
      ],
    },
    { type: 'heading', text: `Passerte frister: ${summary.overdue.length}` },
    {
      type: 'list',
      items: limited(summary.overdue.map((entry) => item(entry, 'fristen gikk ut'))),
      empty: 'Ingen frister er passert.',
    },
    {
      type: 'heading',
      text: `Frister til og med ${formatOsloDate(summary.upcomingUntil)}: ${summary.upcoming.length}`,
    },
    {
      type: 'list',
      items: limited(summary.upcoming.map((entry) => item(entry, 'frist'))),
      empty: 'Ingen frister i perioden.',
    },
    {
      type: 'link',
      label: 'Se alle saker i Tiltakstrappa',
      url: `${options.publicBaseUrl.replace(/\/+$/, '')}/cases`,
    },
  ];
  return renderEmail(`Ukeoversikt ${week}: bekymringsfullt fravær ved ${summary.schoolName}`, blocks);
}

/** '2026-W14' → 'uke 14, 2026'. */
function weekLabel(weekKey: string): string {
  const match = /^(\d{4})-W(\d{2})$/.exec(weekKey);
  return match ? `uke ${Number(match[2])}, ${match[1]}` : weekKey;
}

function limited(items: ListItem[]): ListItem[] {
  if (items.length <= DIGEST_LIST_LIMIT) return items;
  return [...items.slice(0, DIGEST_LIST_LIMIT), { text: `… og ${items.length - DIGEST_LIST_LIMIT} til` }];
}

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase('nb-NO') + text.slice(1);
}
