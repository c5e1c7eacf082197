import { Injectable } from '@nestjs/common';
import type { Caller } from '../auth/caller';
import { CaseAccess } from '../cases/case-access.service';
import { staffNames } from '../common/staff-names';
import { DirectoryStore, EventStore } from '../infrastructure/stores.provider';
import { concernThresholdPercent } from '@tiltak/domain';
import { buildActivityPlan, staffIdsIn } from './activity-plan.builder';
import type { ActivityPlan } from './activity-plan.model';

@Injectable()
export class ActivityPlanService {
  constructor(
    private readonly eventStore: EventStore,
    private readonly directoryStore: DirectoryStore,
    private readonly access: CaseAccess,
  ) {}

  /** Derived from the audit trail every time: the plan always says what the case records say. */
  async plan(caller: Caller, caseId: string): Promise<ActivityPlan> {
    const { state } = await this.access.load(caller, caseId, 'case.activity-plan');
    const [events, directory] = await Promise.all([this.eventStore.get(), this.directoryStore.get()]);
    const [trail, student, school] = await Promise.all([
      events.timeline(caseId),
      directory.getStudent(state.studentId),
      directory.getSchool(state.schoolId),
    ]);
    const names = await staffNames(directory, staffIdsIn(state, trail));
    return buildActivityPlan({
      state,
      trail,
      student: student
        ? {
            id: student.id,
            givenName: student.givenName,
            familyName: student.familyName,
            className: student.className,
          }
        : { id: state.studentId, givenName: '(ukjent elev)', familyName: '', className: '' },
      school: { id: state.schoolId, name: school?.name ?? '(ukjent skole)' },
      concernThresholdPercent: concernThresholdPercent(student?.concernProfile),
      staffNames: names,
      now: new Date(),
    });
  }
}
