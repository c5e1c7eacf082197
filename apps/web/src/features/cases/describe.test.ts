import { describe, expect, it } from 'vitest';
import { describePayload } from './describe';

describe('describePayload', () => {
  it('names fields and values in Norwegian, dates as dates, and hides ids', () => {
    expect(
      describePayload({
        kind: 'team-around-student-meeting',
        heldOn: '2026-12-01',
        participants: ['contact-teacher', 'guardians'],
        studentParticipation: 'view-given-beforehand',
        measureId: 'm-1',
      }),
    ).toEqual([
      ['Type', 'Møte med teamet rundt eleven (trinn 3)'],
      ['Dato', '1. desember 2026'],
      ['Deltakere', 'Kontaktlærer, Foresatte'],
      ['Elevens deltakelse', 'Eleven ga sitt syn på forhånd'],
    ]);
  });
  it('reads the reasons of pausing and closing apart from other values', () => {
    expect(describePayload({ reason: 'moved-school', explanation: '' })).toEqual([
      ['Grunn', 'Eleven har byttet skole'],
    ]);
  });
  it('says yes and no, and writes decimals with a comma', () => {
    expect(describePayload({ consentGiven: true, absencePercent: 8.5 })).toEqual([
      ['Har foresatte samtykket?', 'Ja'],
      ['Fravær (%)', '8,5'],
    ]);
  });
});
