import { Injectable } from '@nestjs/common';
import { PG_UNIQUE_VIOLATION, postgresErrorOf, type StaffMember } from '@tiltak/persistence';
import { AccessAudit } from '../access/access-audit.service';
import { mayManageSchool, mayReadSchool } from '../access/access-policy';
import type { Caller } from '../auth/caller';
import { DomainError } from '../errors/domain-error';
import { Stores } from '../infrastructure/stores.provider';
import type { CreateStaffRequestDto } from './dto/create-staff.request.dto';
import type { StaffListQueryDto } from './dto/staff-list.query.dto';

@Injectable()
export class StaffService {
  constructor(
    private readonly stores: Stores,
    private readonly audit: AccessAudit,
  ) {}

  async create(caller: Caller, request: CreateStaffRequestDto): Promise<StaffMember> {
    await this.audit.requirePermitted(
      caller,
      mayManageSchool(caller, request.schoolId),
      'staff.create',
      'staff',
      null,
    );
    const { directory } = await this.stores.get();
    if (request.schoolId !== null && !(await directory.getSchool(request.schoolId))) {
      throw new DomainError('UNPROCESSABLE', 'Skolen finnes ikke.', {
        reason: 'UNKNOWN_SCHOOL',
      });
    }
    try {
      return await directory.upsertStaff({
        displayName: request.displayName,
        email: request.email,
        role: request.role,
        schoolId: request.schoolId,
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

  /** School-scoped staff see their school's colleagues and the municipality-wide services; no other school. */
  async list(caller: Caller, filter: StaffListQueryDto): Promise<StaffMember[]> {
    const schoolId = filter.schoolId ?? caller.schoolId ?? undefined;
    if (schoolId !== undefined) {
      const decision = mayReadSchool(caller, schoolId);
      if (!decision.allowed)
        throw await this.audit.notFound(caller, 'staff.list', 'school', schoolId, decision.reason);
    }
    const { directory } = await this.stores.get();
    return directory.listActiveStaff({
      ...(schoolId !== undefined ? { schoolId } : {}),
      ...(filter.role ? { role: filter.role } : {}),
    });
  }
}
