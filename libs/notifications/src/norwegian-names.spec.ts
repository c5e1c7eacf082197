import { DEADLINE_KINDS, STAFF_ROLES } from '@tiltak/domain';
import { deadlineKindName, norwegianList, roleListName, roleName, stepName } from './norwegian-names';

describe('Norwegian names', () => {
  it('names deadline kinds as a teacher would say them', () => {
    expect(deadlineKindName('step2-meeting')).toBe('møte med elev og foresatte (trinn 2)');
    expect(deadlineKindName('step1-contact')).toBe('samtale med eleven og kontakt med foresatte (trinn 1)');
    expect(deadlineKindName('step3-referral')).toBe('melding til kompetanseteamet (trinn 3)');
  });

  it('has a name for every deadline kind and role', () => {
    for (const kind of DEADLINE_KINDS) expect(deadlineKindName(kind)).toMatch(/\(trinn [1-4]\)$/);
    for (const role of STAFF_ROLES) expect(roleName(role).length).toBeGreaterThan(2);
  });

  it('names steps and lists roles with a final "og"', () => {
    expect(stepName(4)).toBe('trinn 4: tverrfaglig samarbeid');
    expect(roleListName(['ppt', 'mobile-team'])).toBe('PP-tjenesten og Mobilt team');
    expect(roleListName(['contact-teacher', 'school-leadership', 'ppt'])).toBe(
      'kontaktlærer, skoleledelsen og PP-tjenesten',
    );
    expect(norwegianList(['a'])).toBe('a');
  });
});
