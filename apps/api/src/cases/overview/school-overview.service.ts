import { Injectable } from '@nestjs/common';
import { DEFAULT_INACTIVE_SCHOOL_DAYS, inactivityCutoff, osloWeek } from '@tiltak/domain';
import { AccessAudit } from '../../access/access-audit.service';
import { mayReadSchool, mayReadSchoolOverview } from '../../access/access-policy';
import type { Caller } from '../../auth/caller';
import { CasePolicy } from '../../infrastructure/ladder-policy';
import { CaseReadModelStore, DirectoryStore } from '../../infrastructure/stores.provider';
import type { SchoolOverviewResponseDto } from './dto/school-overview.response.dto';
import { schoolOverviewFrom } from './school-overview.mapper';

@Injectable()
export class SchoolOverviewService {
  constructor(
    private readonly directoryStore: DirectoryStore,
    private readonly caseReadModelStore: CaseReadModelStore,
    private readonly audit: AccessAudit,
    private readonly casePolicy: CasePolicy,
  ) {}

  /**
   * A school's figures for its leadership (and directory admins). Another school, or one that does
   * not exist, answers 404 as every school read does; the school's own staff outside leadership 403.
   */
  async overview(
    caller: Caller,
    schoolId: string,
    inactiveSchoolDays = DEFAULT_INACTIVE_SCHOOL_DAYS,
  ): Promise<SchoolOverviewResponseDto> {
    const [directory, cases] = await Promise.all([this.directoryStore.get(), this.caseReadModelStore.get()]);
    const school = await directory.getSchool(schoolId);
    if (!school)
      throw await this.audit.notFound(caller, 'school.overview', 'school', schoolId, 'no such school');
    const visible = mayReadSchool(caller, schoolId);
    if (!visible.allowed)
      throw await this.audit.notFound(caller, 'school.overview', 'school', schoolId, visible.reason);
    await this.audit.requirePermitted(
      caller,
      mayReadSchoolOverview(caller, schoolId),
      'school.overview',
      'school',
      schoolId,
    );

    const asOf = new Date().toISOString();
    const week = osloWeek(asOf);
    const inactiveSince = inactivityCutoff(
      await directory.getCalendars(schoolId),
      asOf,
      inactiveSchoolDays,
      this.casePolicy.policy.schoolDayEndsAt,
    );
    const groups = await cases.summarize(schoolId, {
      dueFrom: new Date(week.from),
      dueBefore: new Date(week.to),
      inactiveBefore: new Date(inactiveSince),
    });
    return schoolOverviewFrom({ schoolId, asOf, week, inactiveSchoolDays, inactiveSince }, groups);
  }
}
