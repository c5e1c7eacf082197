import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Schemas } from '../../shared/api/client';
import { json, renderPage, stubApi, testTeacher as teacher, type ApiCall } from '../../shared/testing';
import { CasePage } from './case-page';

const caseId = '9b1c0000-0000-4000-8000-000000000001';

function caseAtStep1(): Schemas['CaseResponseDto'] {
  return {
    caseId,
    studentId: 'e0000000-0000-4000-8000-000000000001',
    schoolId: teacher.schoolId!,
    ownerStaffId: teacher.staffId,
    trigger: 'absence-percentage',
    step: 1,
    status: 'open',
    openedAt: '2026-12-09T07:00:00Z',
    closedAt: null,
    closeReason: null,
    pausedAt: null,
    nextDeadline: { kind: 'step1-contact', dueAt: '2026-12-09T14:00:00Z' },
    overdue: false,
    deadlines: [
      {
        id: 'step1-contact#1',
        kind: 'step1-contact',
        step: 1,
        dueAt: '2026-12-09T14:00:00Z',
        remindAt: '2026-12-09T12:00:00Z',
        escalateAt: '2026-12-10T14:00:00Z',
        status: 'open',
      },
    ],
    measures: [],
    assignments: [],
    progress: {
      meetingHeld: false,
      mappingRecorded: false,
      consentGiven: null,
      referralSent: false,
      teamAdviceRecorded: false,
      evaluations: 0,
    },
    escalated: false,
    outstanding: [],
    checklist: [{ code: 'step1-contact', text: 'Snakk med eleven og foresatte.' }],
    allowedActions: ['step1-contact', 'note-added', 'case-closed'],
    allowedEventTypes: ['step1-contact', 'note-added', 'case-closed'],
    eventCount: 1,
    lastEventAt: '2026-12-09T07:00:00Z',
    source: 'live',
    links: { self: '', events: '', timeline: '', activityPlan: '' },
  };
}

let calls: ApiCall[];
let eventAnswers: (() => Response)[];
let caseAnswer: () => Schemas['CaseResponseDto'];

beforeEach(() => {
  eventAnswers = [];
  caseAnswer = caseAtStep1;
  calls = stubApi((request, url) => {
    if (request.method === 'GET' && url.pathname === `/api/cases/${caseId}`) return json(200, caseAnswer());
    if (request.method === 'POST' && url.pathname === `/api/cases/${caseId}/events`) {
      const answer = eventAnswers.shift();
      if (!answer) throw new Error('unexpected POST');
      return answer();
    }
    return undefined;
  });
});

const renderCasePage = () => renderPage(<CasePage />, { path: '/cases/:caseId', entry: `/cases/${caseId}` });

async function openStep1Form() {
  const user = userEvent.setup();
  renderCasePage();
  await user.click(await screen.findByRole('button', { name: 'Samtale med elev og foresatte (trinn 1)' }));
  return user;
}

async function fillStep1(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole('checkbox', { name: 'Mandag' }));
  await user.click(screen.getByRole('checkbox', { name: 'Jeg har snakket med foresatte' }));
  await user.type(screen.getByRole('textbox', { name: /Foresattes syn/ }), 'Mor tror det går over.');
  await user.click(screen.getByRole('radio', { name: /Bekymringen består/ }));
}

const posts = () => calls.filter((c) => c.method === 'POST');

describe('the case page', () => {
  it('shows the ladder with the current step, the open deadline and only the allowed actions', async () => {
    renderCasePage();
    const ladder = await screen.findByRole('navigation', { name: 'Tiltakstrappa' });
    const current = within(ladder)
      .getAllByRole('listitem')
      .find((li) => li.getAttribute('aria-current') === 'step');
    expect(current?.textContent).toContain('Trinn 1');
    expect(screen.getByText(/Samtale med elev og foresatte/, { selector: 'strong' })).toBeTruthy();
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual([
      'Samtale med elev og foresatte (trinn 1)',
      'Notat',
      'Avslutt saken',
    ]);
  });

  it('checks the step-1 form in Norwegian before anything is sent', async () => {
    const user = await openStep1Form();
    await user.click(screen.getByRole('button', { name: 'Registrer' }));
    const summary = await screen.findByRole('group', { name: 'Rett opp dette før du registrerer:' });
    expect(within(summary).getByRole('link', { name: /Samtalen må være med foresatte/ })).toBeTruthy();
    expect(within(summary).getByRole('link', { name: 'Fyll ut feltet.' })).toBeTruthy();
    expect(posts()).toHaveLength(0);
  });

  it('sends the template as the typed payload, with the CSRF token and an Idempotency-Key', async () => {
    eventAnswers.push(() => json(201, { event: {}, case: caseAtStep1() }));
    const user = await openStep1Form();
    await fillStep1(user);
    await user.click(screen.getByRole('button', { name: 'Registrer' }));
    await screen.findByText(/Registrert\./);
    const [post] = posts();
    expect(post!.body).toEqual({
      type: 'step1-contact',
      payload: {
        talkedWithStudent: false,
        guardiansContacted: true,
        pattern: {
          weekdays: ['monday'],
          consecutiveDays: false,
          singleDays: false,
          lateArrivals: false,
          leavingEarly: false,
          appointmentsOrAssessmentDays: false,
        },
        guardiansView: 'Mor tror det går over.',
        conclusion: 'concern-remains',
      },
    });
    expect(post!.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(post!.headers.get('X-CSRF-Token')).toBe('csrf-1');
  });

  it('shows a refusal beside the form and sends the next attempt with a new key', async () => {
    eventAnswers.push(() =>
      json(409, {
        code: 'EVENT_REJECTED',
        message: 'Saken er ikke på trinn 1 lenger.',
        reason: 'WRONG_STEP',
      }),
    );
    eventAnswers.push(() => json(201, { event: {}, case: caseAtStep1() }));
    const user = await openStep1Form();
    await fillStep1(user);
    await user.click(screen.getByRole('button', { name: 'Registrer' }));
    expect(await screen.findByText('Saken er ikke på trinn 1 lenger.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Registrer' }));
    await screen.findByText(/Registrert\./);
    const [first, second] = posts();
    expect(second!.headers.get('Idempotency-Key')).not.toBe(first!.headers.get('Idempotency-Key'));
  });

  it('retries a submission lost on the network with the same key', async () => {
    eventAnswers.push(() => {
      throw new TypeError('Failed to fetch');
    });
    eventAnswers.push(() => json(201, { event: {}, case: caseAtStep1() }));
    const user = await openStep1Form();
    await fillStep1(user);
    await user.click(screen.getByRole('button', { name: 'Registrer' }));
    await user.click(await screen.findByRole('button', { name: 'Prøv igjen' }));
    await waitFor(() => expect(posts()).toHaveLength(2));
    const [first, second] = posts();
    expect(second!.headers.get('Idempotency-Key')).toBe(first!.headers.get('Idempotency-Key'));
    expect(second!.body).toEqual(first!.body);
  });

  describe('the absence now', () => {
    const absence: Schemas['CaseAbsenceDto'] = {
      evaluatedOn: '2026-12-08',
      thresholdPercent: 10,
      schoolYearPercent: 12,
      recentPercent: 9.5,
      previousPercent: 14,
      trend: 'falling',
      lessonsRegistered: 420,
      wholeDaysAbsent: 3,
      lateArrivalsRecent: 4,
      earlyDeparturesRecent: 0,
      presentNotInClassRecent: 0,
      weekdays: ['monday'],
      subjects: ['MAT'],
      teachers: [],
      flags: ['absence-percentage'],
    };
    const caseAtStep2 = (): Schemas['CaseResponseDto'] => ({
      ...caseAtStep1(),
      step: 2,
      absence,
      allowedActions: ['evaluation-recorded', 'note-added'],
      allowedEventTypes: ['evaluation-recorded', 'note-added'],
    });

    it('shows the student’s current figures on the case page', async () => {
      caseAnswer = caseAtStep2;
      renderCasePage();
      const table = await screen.findByRole('table', { name: 'Elevens fravær nå' });
      const row = (name: string) => within(table).getByRole('rowheader', { name }).closest('tr')!.textContent;
      expect(screen.getByRole('heading', { name: 'Fravær nå' })).toBeTruthy();
      expect(row('Fravær dette skoleåret')).toContain('12 %');
      expect(row('Fravær siste fire skoleuker')).toContain('9,5 %');
      expect(row('Grense')).toContain('10 %');
      expect(row('Utvikling')).toContain('Synkende');
      expect(row('Sene ankomster siste fire skoleuker')).toContain('4');
      expect(row('Mønster')).toContain('Mandag, fag MAT');
      expect(row('Over grense')).toContain('Fravær over grensen');
    });

    it('says so when no import has named the student', async () => {
      renderCasePage();
      expect(await screen.findByText('Ingen fraværsregistreringer for eleven ennå.')).toBeTruthy();
      expect(screen.queryByRole('table', { name: 'Elevens fravær nå' })).toBeNull();
    });

    it('starts the evaluation form from the absence now, editable, and sends what the user wrote', async () => {
      caseAnswer = caseAtStep2;
      eventAnswers.push(() => json(201, { event: {}, case: caseAtStep2() }));
      const user = userEvent.setup();
      renderCasePage();
      await user.click(await screen.findByRole('button', { name: 'Evaluering' }));
      const field = screen.getByRole<HTMLInputElement>('textbox', { name: /Fravær nå, i prosent/ });
      expect(field.value).toBe('9,5');
      expect(
        screen.getByText(/9,5 % siste fire skoleuker, 12 % dette skoleåret \(grense 10 %\)/),
      ).toBeTruthy();
      await user.clear(field);
      await user.type(field, '8');
      await user.click(screen.getByRole('radio', { name: 'Bedre' }));
      await user.type(screen.getByRole('textbox', { name: /Elevens stemme/ }), 'Det går bedre nå.');
      await user.click(screen.getByRole('radio', { name: /avslutt saken/ }));
      await user.click(screen.getByRole('button', { name: 'Registrer' }));
      await screen.findByText(/Registrert\./);
      expect(posts()[0]!.body).toMatchObject({
        type: 'evaluation-recorded',
        payload: { absencePercent: 8, effect: 'improved', decision: 'close-resolved' },
      });
    });
  });
});
