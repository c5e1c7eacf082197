import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, expect, it } from 'vitest';
import type { Schemas } from '../../shared/api/client';
import { json, renderPage, stubApi, type ApiCall } from '../../shared/testing';
import { ConcernProfileForm } from './concern-profile-form';

const student: Schemas['StudentResponseDto'] = {
  id: 'e0000000-0000-4000-8000-000000000001',
  schoolId: 'd0000000-0000-4000-8000-000000000001',
  className: '5A',
  contactTeacherId: 'a0000000-0000-4000-8000-000000000001',
  givenName: 'Mia',
  familyName: 'Johansen',
  concernProfile: null,
  concernThresholdPercent: 10,
  externalRef: null,
  updatedAt: '2026-12-01T10:00:00Z',
};

let calls: ApiCall[];
beforeEach(() => {
  calls = stubApi(() => json(200, student));
});

it('checks the lower threshold in Norwegian, then sends the profile', async () => {
  const user = userEvent.setup();
  renderPage(<ConcernProfileForm student={student} />);
  await user.click(screen.getByText('Sett skjerpet aktivitetsplikt'));
  const percent = screen.getByRole('textbox', { name: /Lavere bekymringsgrense/ });
  await user.clear(percent);
  await user.type(percent, '12');
  await user.click(screen.getByRole('button', { name: 'Lagre' }));
  expect(screen.getByText('Skriv en grense mellom 0,5 og 9,5 prosent.')).toBeTruthy();
  expect(screen.getByText('Velg grunnlaget for skjerpet aktivitetsplikt.')).toBeTruthy();
  expect(calls).toHaveLength(0);

  await user.clear(percent);
  await user.type(percent, '5,5');
  await user.selectOptions(screen.getByRole('combobox', { name: 'Grunnlag' }), 'Familiesituasjon');
  await user.click(screen.getByRole('button', { name: 'Lagre' }));
  await screen.findByText('Lagret.');
  expect(calls.map((c) => c.body)).toEqual([
    {
      concernProfile: {
        lowerThresholdPercent: 5.5,
        reason: 'family-situation',
        reviewOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      },
    },
  ]);
});
