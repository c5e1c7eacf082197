// Who gets a notice, decided when it is sent, from the staff directory: never hard-coded. The contact
// teacher is the case's owner; other roles are whoever holds them at the school (or, for PPT, the mobile
// team and the other partner services, municipality-wide staff who serve that school). A role nobody holds falls back to the school's leadership, and the gap
// is reported so it can be recorded in the case timeline.
import type { StaffRole } from '@tiltak/domain';

/** The part of the staff directory this needs (DirectoryRepository from @tiltak/persistence fits). */
export interface StaffDirectory {
  findByRoles(roles: readonly StaffRole[], schoolId: string): Promise<DirectoryStaff[]>;
  getStaff(id: string): Promise<DirectoryStaff | null>;
}

export interface DirectoryStaff {
  id: string;
  email: string;
  role: StaffRole;
  schoolId: string | null;
  active: boolean;
}

/** Where the case owner comes from (NotificationContextReader). */
export interface CaseOwnerLookup {
  caseOwnerStaffId(caseId: string): Promise<string | null>;
}

export interface Recipient {
  staffId: string;
  email: string;
  /** The role the person receives the notice as. */
  role: StaffRole;
  /** Roles nobody holds, for which this person (leadership) stands in. */
  fallbackFor: StaffRole[];
}

export interface RecipientGap {
  missingRole: StaffRole;
  /** null when leadership itself has nobody: the notice reaches no one. */
  fallbackRole: 'school-leadership' | null;
}

export interface ResolvedRecipients {
  /** One per email address, explicit roles first. */
  recipients: Recipient[];
  gaps: RecipientGap[];
}

const LEADERSHIP = 'school-leadership' satisfies StaffRole;

export class RecipientResolver {
  constructor(
    private readonly directory: StaffDirectory,
    private readonly owners: CaseOwnerLookup,
  ) {}

  async resolve(input: {
    caseId: string | null;
    schoolId: string;
    roles: readonly StaffRole[];
  }): Promise<ResolvedRecipients> {
    const explicit: Recipient[] = [];
    const missing: StaffRole[] = [];
    for (const role of [...new Set(input.roles)]) {
      const people = await this.holdersOf(role, input);
      if (people.length === 0) missing.push(role);
      for (const person of people)
        explicit.push({ staffId: person.id, email: person.email, role, fallbackFor: [] });
    }

    const gaps: RecipientGap[] = [];
    const fallback: Recipient[] = [];
    if (missing.length > 0) {
      const leaders = missing.includes(LEADERSHIP) ? [] : await this.holdersOf(LEADERSHIP, input);
      const standsIn = missing.filter((role) => role !== LEADERSHIP);
      for (const role of missing) {
        gaps.push({
          missingRole: role,
          fallbackRole: role !== LEADERSHIP && leaders.length > 0 ? LEADERSHIP : null,
        });
      }
      if (standsIn.length > 0) {
        for (const leader of leaders) {
          fallback.push({ staffId: leader.id, email: leader.email, role: LEADERSHIP, fallbackFor: standsIn });
        }
      }
    }

    // One email per address: a leader who is also the missing role's stand-in gets one email saying both.
    const byEmail = new Map<string, Recipient>();
    for (const recipient of [...explicit, ...fallback]) {
      const address = recipient.email.trim().toLowerCase();
      const known = byEmail.get(address);
      if (!known) byEmail.set(address, { ...recipient, fallbackFor: [...recipient.fallbackFor] });
      else known.fallbackFor = [...new Set([...known.fallbackFor, ...recipient.fallbackFor])];
    }
    return { recipients: [...byEmail.values()], gaps };
  }

  /** One person by staff id (a proposal's contact teacher); null when unknown, inactive or without an address. */
  async staff(staffId: string): Promise<DirectoryStaff | null> {
    const person = await this.directory.getStaff(staffId);
    return person?.active && person.email.trim() ? person : null;
  }

  private async holdersOf(
    role: StaffRole,
    input: { caseId: string | null; schoolId: string },
  ): Promise<DirectoryStaff[]> {
    if (role === 'contact-teacher') {
      // The case's owner, not every contact teacher at the school.
      const ownerId = input.caseId ? await this.owners.caseOwnerStaffId(input.caseId) : null;
      const owner = ownerId ? await this.directory.getStaff(ownerId) : null;
      return owner?.active && owner.email.trim() ? [owner] : [];
    }
    const people = await this.directory.findByRoles([role], input.schoolId);
    return people.filter((p) => p.active && p.role === role && p.email.trim() !== '');
  }
}
