import { caseReference, recipientScopeForRole, studentMention, studentReference } from './student-reference';

const student = {
  caseId: '5d0c9f7e-2b7a-4c61-9a43-0f1e2d3c4b5a',
  className: '7B',
  givenName: 'Kari Marie',
  familyName: 'Nordvik',
};

describe('how an email identifies the student', () => {
  it('gives school staff the class and initials', () => {
    expect(studentReference('school-staff', student)).toBe('7B, K.N.');
  });

  it('gives partners only a case reference that holds no part of the name or class', () => {
    const reference = studentReference('partner', student);
    expect(reference).toMatch(/^sak [0-9A-F]{4}-[0-9A-F]{4}$/);
    expect(reference).not.toContain('7B');
    expect(reference).not.toContain('K.');
    expect(reference.toLowerCase()).not.toContain(student.caseId.slice(0, 4));
  });

  it('keeps the case reference stable for a case and different between cases', () => {
    expect(caseReference(student.caseId)).toBe(caseReference(student.caseId));
    expect(caseReference(student.caseId)).not.toBe(caseReference('0b3c1e54-6f0a-4d55-8f3e-7a9b8c7d6e5f'));
  });

  it('sorts roles: staff at the school see the student, municipality-wide partners do not', () => {
    expect(recipientScopeForRole('contact-teacher')).toBe('school-staff');
    expect(recipientScopeForRole('school-leadership')).toBe('school-staff');
    expect(recipientScopeForRole('social-teacher')).toBe('school-staff');
    expect(recipientScopeForRole('competence-team')).toBe('school-staff');
    expect(recipientScopeForRole('ppt')).toBe('partner');
    expect(recipientScopeForRole('mobile-team')).toBe('partner');
    expect(recipientScopeForRole('health-nurse')).toBe('partner');
  });

  it('handles Norwegian letters and hyphenated names', () => {
    expect(
      studentReference('school-staff', { ...student, givenName: 'øystein', familyName: 'Åsheim-Lie' }),
    ).toBe('7B, Ø.Å.');
  });

  it('falls back to the case reference when nothing is known about the student', () => {
    const mention = studentMention('school-staff', {
      caseId: student.caseId,
      className: null,
      givenName: null,
      familyName: null,
    });
    expect(mention).toEqual({
      label: 'Saksreferanse',
      reference: `sak ${caseReference(student.caseId)}`,
      inSentence: `sak ${caseReference(student.caseId)}`,
    });
  });

  it('reads naturally inside a sentence', () => {
    expect(studentMention('school-staff', student).inSentence).toBe('saken for 7B, K.N.');
    expect(studentMention('partner', student).inSentence).toBe(`sak ${caseReference(student.caseId)}`);
  });
});
