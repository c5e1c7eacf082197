import type { StaffRole } from '@tiltak/domain';
import { RecipientResolver, type DirectoryStaff, type StaffDirectory } from './recipient.resolver';

const SCHOOL = 'school-1';

function directoryOf(staff: DirectoryStaff[]): StaffDirectory {
  return {
    async findByRoles(roles: readonly StaffRole[], schoolId: string) {
      return staff.filter(
        (s) => roles.includes(s.role) && (s.schoolId === schoolId || s.schoolId === null) && s.active,
      );
    },
    async getStaff(id: string) {
      return staff.find((s) => s.id === id) ?? null;
    },
  };
}

const person = (
  id: string,
  role: StaffRole,
  email: string,
  schoolId: string | null = SCHOOL,
): DirectoryStaff => ({
  id,
  role,
  email,
  schoolId,
  active: true,
});

const owner = person('t-1', 'contact-teacher', 'ingrid.lunde@skole.test');
const otherTeacher = person('t-2', 'contact-teacher', 'per.aas@skole.test');
const principal = person('l-1', 'school-leadership', 'rektor@skole.test');
const ppt = person('p-1', 'ppt', 'ppt@kommune.test', null);

const owners = { caseOwnerStaffId: async (caseId: string) => (caseId === 'case-1' ? owner.id : null) };

describe('resolving recipients from the directory', () => {
  it('sends contact-teacher notices to the case owner only, not every contact teacher', async () => {
    const resolver = new RecipientResolver(directoryOf([owner, otherTeacher, principal]), owners);
    const { recipients, gaps } = await resolver.resolve({
      caseId: 'case-1',
      schoolId: SCHOOL,
      roles: ['contact-teacher'],
    });
    expect(recipients).toEqual([
      { staffId: 't-1', email: owner.email, role: 'contact-teacher', fallbackFor: [] },
    ]);
    expect(gaps).toEqual([]);
  });

  it('finds municipality-wide partners for PPT', async () => {
    const resolver = new RecipientResolver(directoryOf([owner, principal, ppt]), owners);
    const { recipients } = await resolver.resolve({ caseId: 'case-1', schoolId: SCHOOL, roles: ['ppt'] });
    expect(recipients.map((r) => r.email)).toEqual(['ppt@kommune.test']);
  });

  it('falls back to school leadership when nobody holds a role, and reports the gap', async () => {
    const resolver = new RecipientResolver(directoryOf([owner, principal]), owners);
    const { recipients, gaps } = await resolver.resolve({
      caseId: 'case-1',
      schoolId: SCHOOL,
      roles: ['ppt', 'mobile-team'],
    });
    expect(recipients).toEqual([
      {
        staffId: 'l-1',
        email: principal.email,
        role: 'school-leadership',
        fallbackFor: ['ppt', 'mobile-team'],
      },
    ]);
    expect(gaps).toEqual([
      { missingRole: 'ppt', fallbackRole: 'school-leadership' },
      { missingRole: 'mobile-team', fallbackRole: 'school-leadership' },
    ]);
  });

  it('sends one email to a leader who is both a recipient and the stand-in', async () => {
    const resolver = new RecipientResolver(directoryOf([principal]), owners);
    const { recipients, gaps } = await resolver.resolve({
      caseId: 'case-unknown',
      schoolId: SCHOOL,
      roles: ['contact-teacher', 'school-leadership'],
    });
    expect(recipients).toEqual([
      { staffId: 'l-1', email: principal.email, role: 'school-leadership', fallbackFor: ['contact-teacher'] },
    ]);
    expect(gaps).toEqual([{ missingRole: 'contact-teacher', fallbackRole: 'school-leadership' }]);
  });

  it('reports that a notice reaches nobody when leadership is missing too', async () => {
    const resolver = new RecipientResolver(directoryOf([]), owners);
    const { recipients, gaps } = await resolver.resolve({
      caseId: 'case-1',
      schoolId: SCHOOL,
      roles: ['ppt'],
    });
    expect(recipients).toEqual([]);
    expect(gaps).toEqual([{ missingRole: 'ppt', fallbackRole: null }]);
  });

  it('ignores inactive owners', async () => {
    const resolver = new RecipientResolver(directoryOf([{ ...owner, active: false }, principal]), owners);
    const { recipients } = await resolver.resolve({
      caseId: 'case-1',
      schoolId: SCHOOL,
      roles: ['contact-teacher'],
    });
    expect(recipients.map((r) => r.role)).toEqual(['school-leadership']);
  });
});
