import { defaultLadderPolicy } from './default-policy';
import { openCase } from './case-rules';
import { nextDeadline } from './case-summary';
import {
  caseCurrentDetails,
  caseStaticDetails,
  caseStaticSummary,
  isOperationsMetadata,
} from './operations-metadata';
import { buildOpenCaseInput } from './testing/case-event-factory';
import { exampleCalendar2026_2027 } from './school-calendar';

const open = buildOpenCaseInput({
  caseId: 'c0000000-0000-4000-8000-000000000001',
  schoolId: 'a0000000-0000-4000-8000-000000000002',
  studentId: 'b0000000-0000-4000-8000-000000000003',
  ownerStaffId: 'd0000000-0000-4000-8000-000000000004',
});
const state = openCase(open, defaultLadderPolicy(), [exampleCalendar2026_2027()]);

describe('what operations read about a case in the Temporal UI', () => {
  it('says where the case stands and what it waits for, by ids and codes', () => {
    const next = nextDeadline(state)!;
    expect(caseCurrentDetails(state)).toBe(
      [
        'Trinn: 1',
        'Status: open',
        `Neste frist: step1-contact ${next.dueAt}`,
        'Forsinket: nei',
        `Skole: ${open.schoolId}`,
      ].join(' · '),
    );
    expect(caseStaticSummary(open)).toBe(`Sak: ${open.caseId} · Skole: ${open.schoolId}`);
    expect(caseStaticDetails(open)).toBe(
      `Utløser: ${open.trigger} · Åpnet: ${open.openedAt} · Skole: ${open.schoolId}`,
    );
  });

  it('never names the student, the owner or anything a person wrote', () => {
    const texts = [caseStaticSummary(open), caseStaticDetails(open), caseCurrentDetails(state)].join('\n');
    expect(texts).not.toContain(open.studentId);
    expect(texts).not.toContain(open.ownerStaffId);
    // Every value is an id, a code from the domain's lists or an instant.
    for (const text of [caseStaticSummary(open), caseStaticDetails(open), caseCurrentDetails(state)])
      expect(isOperationsMetadata(text)).toBe(true);
  });

  it.each([
    ['a name', 'Kari Nordmann'],
    ['a note', 'Ringte foresatte, ingen svar.'],
    ['a known label with free text', 'Trinn: Kari har vondt i magen'],
    ['a code slot holding a name', 'Neste frist: kari-nordmann 2026-12-01T10:00:00.000Z'],
    ['a valid line followed by free text', `Skole: ${open.schoolId}\nSyk hele uka`],
    ['a valid part joined with free text', `Sak: ${open.caseId} · Kari`],
    ['a national identity number in an id slot', 'Sak: 01020312345'],
    ['an empty text', ''],
  ])('refuses anything else as operations metadata (%s)', (_what, text) => {
    expect(isOperationsMetadata(text)).toBe(false);
  });
});
