import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Schemas } from '../../shared/api/client';
import { json, renderPage, stubApi, testTeacher as teacher, type ApiCall } from '../../shared/testing';
import { ProposalsPage } from './proposals-page';

const proposalId = 'f0000000-0000-4000-8000-000000000001';
const caseId = '9b1c0000-0000-4000-8000-000000000001';

function proposal(
  overrides: Partial<Schemas['CaseProposalResponseDto']> = {},
): Schemas['CaseProposalResponseDto'] {
  return {
    proposalId,
    schoolId: teacher.schoolId,
    studentId: 'e0000000-0000-4000-8000-000000000001',
    givenName: 'Mia',
    familyName: 'Johansen',
    className: '5A',
    contactTeacherId: teacher.staffId,
    trigger: 'absence-percentage',
    triggers: ['absence-percentage'],
    absencePercent: 12,
    figures: {
      schoolYearPercent: 12,
      recentPercent: 15.5,
      thresholdPercent: 10,
      trend: 'rising',
      lateArrivalsRecent: 0,
      presentNotInClassRecent: 0,
    },
    proposedAt: '2026-12-09T06:00:00Z',
    status: 'pending',
    caseId: null,
    decision: null,
    caseLocation: null,
    ...overrides,
  };
}

let calls: ApiCall[];

beforeEach(() => {
  calls = stubApi((request, url) => {
    if (request.method === 'GET' && url.pathname === `/api/schools/${teacher.schoolId}/absence-proposals`)
      return json(200, { proposals: [proposal()] });
    if (url.pathname === `/api/absence-proposals/${proposalId}/confirm`)
      return json(200, proposal({ status: 'confirmed', caseId, caseLocation: `/api/cases/${caseId}` }));
    if (url.pathname === `/api/absence-proposals/${proposalId}/dismiss`)
      return json(
        200,
        proposal({
          status: 'dismissed',
          decision: {
            decision: 'dismissed',
            reason: 'registration-error',
            reasonLabel: 'Feil i fraværsregistreringen',
            decidedBy: teacher.staffId,
            decidedAt: '2026-12-09T08:00:00Z',
          },
        }),
      );
    return undefined;
  });
});

const renderProposalsPage = () => renderPage(<ProposalsPage />, { path: '/forslag' });

describe('the proposals page', () => {
  it('lists the pending proposals with their figures', async () => {
    renderProposalsPage();
    const card = await screen.findByRole('region', { name: 'Mia Johansen, 5A' });
    expect(within(card).getByRole('row', { name: /Fravær siste fire skoleuker/ }).textContent).toContain(
      '15,5 %',
    );
    expect(within(card).getByRole('row', { name: /Utvikling/ }).textContent).toContain('Økende');
    expect(calls[0]?.path).toBe(`/api/schools/${teacher.schoolId}/absence-proposals?status=pending`);
  });

  it('confirms a proposal and links to the case it opened', async () => {
    const user = userEvent.setup();
    renderProposalsPage();
    await user.click(await screen.findByRole('button', { name: 'Bekreft og opprett sak' }));
    const link = await screen.findByRole('link', { name: 'Åpne saken' });
    expect(link.getAttribute('href')).toBe(`/cases/${caseId}`);
    const post = calls.find((c) => c.method === 'POST');
    expect(post).toMatchObject({ path: `/api/absence-proposals/${proposalId}/confirm` });
    expect(post!.headers.get('X-CSRF-Token')).toBe('csrf-1');
  });

  it('asks for a reason from the closed list before dismissing', async () => {
    const user = userEvent.setup();
    renderProposalsPage();
    await user.click(await screen.findByRole('button', { name: 'Avvis forslaget' }));
    expect(await screen.findByText('Velg en begrunnelse for å avvise forslaget.')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Begrunnelse' }), 'registration-error');
    await user.click(screen.getByRole('button', { name: 'Avvis forslaget' }));
    expect(await screen.findByText('Avvist: Feil i fraværsregistreringen.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')).toMatchObject({
      path: `/api/absence-proposals/${proposalId}/dismiss`,
      body: { reason: 'registration-error' },
    });
  });
});
