// What operations read about a case in the Temporal UI (the workflow's user metadata: a static summary
// and details set at start, current details kept up to date by the workflow). Ids and codes only: the
// payload codec leaves these texts unencrypted (ADR 0012), so the one builder and the one checker live
// here, side by side, and the codec trusts only a text the checker accepts.
import { nextDeadline, isOverdue } from './case-summary';
import {
  CASE_STATUSES,
  CONCERN_TRIGGERS,
  DEADLINE_KINDS,
  STEPS,
  type CaseState,
  type OpenCaseInput,
} from './model';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const INSTANT = '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{3})?Z';
const oneOf = (values: readonly (string | number)[]) => `(?:${values.map(String).join('|')})`;

/** Every part operations may read: a fixed label and a value that can only be an id, a code or a time. */
const LINES = {
  case: { label: 'Sak', value: UUID },
  step: { label: 'Trinn', value: oneOf(STEPS) },
  status: { label: 'Status', value: oneOf(CASE_STATUSES) },
  nextDeadline: { label: 'Neste frist', value: `(?:${oneOf(DEADLINE_KINDS)} ${INSTANT}|ingen)` },
  overdue: { label: 'Forsinket', value: '(?:ja|nei)' },
  trigger: { label: 'Utløser', value: oneOf(CONCERN_TRIGGERS) },
  openedAt: { label: 'Åpnet', value: INSTANT },
  school: { label: 'Skole', value: UUID },
} as const;
type LineName = keyof typeof LINES;

const LINE_PATTERNS = Object.values(LINES).map(({ label, value }) => new RegExp(`^${label}: ${value}$`, 'u'));
const MAX_LENGTH = 1_000;
// One line in the Temporal UI (it renders the texts as markdown, where a single newline is a space).
const SEPARATOR = ' · ';

/** The parts given, in the order above, on one line. */
function lines(values: Partial<Record<LineName, string>>): string {
  return (Object.keys(LINES) as LineName[])
    .filter((name) => values[name] !== undefined)
    .map((name) => `${LINES[name].label}: ${values[name]}`)
    .join(SEPARATOR);
}

/** The one-line summary the Temporal UI lists a case workflow by (set at start, never changes). */
export function caseStaticSummary(open: Pick<OpenCaseInput, 'caseId' | 'schoolId'>): string {
  return lines({ case: open.caseId, school: open.schoolId });
}

/** The static details: where and why the case was opened. */
export function caseStaticDetails(open: Pick<OpenCaseInput, 'schoolId' | 'trigger' | 'openedAt'>): string {
  return lines({ school: open.schoolId, trigger: open.trigger, openedAt: open.openedAt });
}

/** The current details: where the case stands and what it waits for next. */
export function caseCurrentDetails(state: CaseState): string {
  const next = nextDeadline(state);
  return lines({
    step: String(state.step),
    status: state.status,
    nextDeadline: next ? `${next.kind} ${next.dueAt}` : 'ingen',
    overdue: isOverdue(state) ? 'ja' : 'nei',
    school: state.schoolId,
  });
}

/**
 * True only for a text the builders above can produce: parts (joined by ` · ` or newlines) of known
 * labels whose values are ids, codes from the domain's lists, or instants. Nothing a person typed
 * can pass unless it is exactly such a text, which holds no personal data by construction.
 */
export function isOperationsMetadata(text: string): boolean {
  if (text.length === 0 || text.length > MAX_LENGTH) return false;
  return text
    .split('\n')
    .flatMap((line) => line.split(SEPARATOR))
    .every((part) => LINE_PATTERNS.some((pattern) => pattern.test(part)));
}
