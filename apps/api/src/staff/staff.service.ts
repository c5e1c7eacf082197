import { Injectable } from '@nestjs/common';
import { isPartnerService, type StaffRole } from '@tiltak/domain';
import { PG_UNIQUE_VIOLATION, postgresErrorOf, type StaffMember } from '@tiltak/persistence';
import { AccessAudit } from '../access/access-audit.service';
import { mayManageSchool, mayReadSchool } from '../access/access-policy';
import type { Caller } from '../auth/caller';
import { CallerCache } from '../auth/caller-cache';
import { DomainError } from '../errors/domain-error';
import { DirectoryStore } from '../infrastructure/stores.provider';
import type { CreateStaffRequestDto } from './dto/create-staff.request.dto';
import type { StaffListQueryDto } from './dto/staff-list.query.dto';

@Injectable()
export class StaffService {
  constructor(
    private readonly directoryStore: DirectoryStore,
    private readonly audit: AccessAudit,
    private readonly callers: CallerCache,
  ) {}

  async create(caller: Caller, request: CreateStaffRequestDto): Promise<StaffMember> {
    await this.audit.requirePermitted(
      caller,
      mayManageSchool(caller, request.schoolId),
      'staff.create',
      'staff',
      null,
    );
    const directory = await this.directoryStore.get();
    const serves = [...new Set(request.servesSchoolIds ?? [])];
    if (serves.length > 0) requireServingPartner(request);
    for (const schoolId of request.schoolId !== null ? [request.schoolId, ...serves] : serves) {
      await this.requireSchool(schoolId);
    }
    try {
      return await directory.upsertStaff({
        displayName: request.displayName,
        email: request.email,
        role: request.role,
        schoolId: request.schoolId,
        servesSchoolIds: serves,
        oidcSubject: request.oidcSubject ?? null,
      });
    } catch (err) {
      if (postgresErrorOf(err)?.code === PG_UNIQUE_VIOLATION) {
        throw new DomainError('CONFLICT', 'Personen har allerede denne rollen ved denne skolen.', {
          reason: 'STAFF_EXISTS',
        });
      }
      throw err;
    }
  }

  /** Replaces the schools a municipality-wide partner serves (directory admins). */
  async setServedSchools(
    caller: Caller,
    staffId: string,
    schoolIds: readonly string[],
  ): Promise<StaffMember> {
    await this.audit.requirePermitted(
      caller,
      mayManageSchool(caller, null),
      'staff.served-schools',
      'staff',
      staffId,
    );
    const directory = await this.directoryStore.get();
    const member = await directory.getStaff(staffId);
    if (!member)
      throw await this.audit.notFound(caller, 'staff.served-schools', 'staff', staffId, 'no such staff');
    requireServingPartner(member);
    const serves = [...new Set(schoolIds)];
    for (const schoolId of serves) await this.requireSchool(schoolId);
    const updated = await directory.upsertStaff({ ...member, servesSchoolIds: serves });
    // The partner's next request sees the new schools, not the kept caller's.
    this.callers.forgetStaff(staffId);
    return updated;
  }

  private async requireSchool(schoolId: string): Promise<void> {
    const directory = await this.directoryStore.get();
    if (!(await directory.getSchool(schoolId))) {
      throw new DomainError('UNPROCESSABLE', 'Skolen finnes ikke.', { reason: 'UNKNOWN_SCHOOL' });
    }
  }

  /** School-scoped staff see their school's colleagues and the municipality-wide services; no other school. */
  async list(caller: Caller, filter: StaffListQueryDto): Promise<StaffMember[]> {
    const schoolId = filter.schoolId ?? caller.schoolId ?? undefined;
    if (schoolId !== undefined) {
      const decision = mayReadSchool(caller, schoolId);
      if (!decision.allowed)
        throw await this.audit.notFound(caller, 'staff.list', 'school', schoolId, decision.reason);
    }
    if (filter.includeInactive === true) {
      // Deactivated people are the administration's business: the school's leadership or an admin.
      await this.audit.requirePermitted(
        caller,
        mayManageSchool(caller, schoolId ?? null),
        'staff.list',
        'school',
        schoolId ?? null,
      );
    }
    const directory = await this.directoryStore.get();
    return directory.listStaff({
      ...(schoolId !== undefined ? { schoolId } : {}),
      ...(filter.role ? { role: filter.role } : {}),
      includeInactive: filter.includeInactive === true,
    });
  }
}

/** Only a municipality-wide partner service serves schools; everyone else belongs to one school. */
function requireServingPartner(staff: { role: StaffRole; schoolId: string | null }): void {
  if (staff.schoolId === null && isPartnerService(staff.role)) return;
  throw new DomainError(
    'UNPROCESSABLE',
    'Bare kommunale partnertjenester (kompetanseteam, PPT, mobilt team, helsesykepleier) uten egen skole kan betjene skoler.',
    { reason: 'SERVES_SCHOOLS_NOT_APPLICABLE' },
  );
}
