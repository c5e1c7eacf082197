import { Injectable } from '@nestjs/common';
import { validateSchoolCalendar, type SchoolCalendar } from '@tiltak/domain';
import type { School } from '@tiltak/persistence';
import { AccessAudit } from '../access/access-audit.service';
import { mayCreateSchool, mayManageSchool, mayReadSchool } from '../access/access-policy';
import { type Caller, SCOPES, hasScope } from '../auth/caller';
import { DomainError } from '../errors/domain-error';
import { fieldErrorsFromPaths, validationFailed } from '../errors/validation-errors';
import { DirectoryStore } from '../infrastructure/stores.provider';
import type { CreateSchoolRequestDto } from './dto/create-school.request.dto';
import type { SchoolCalendarRequestDto } from './dto/school-calendar.request.dto';

@Injectable()
export class SchoolsService {
  constructor(
    private readonly directoryStore: DirectoryStore,
    private readonly audit: AccessAudit,
  ) {}

  async create(caller: Caller, request: CreateSchoolRequestDto): Promise<School> {
    await this.audit.requirePermitted(caller, mayCreateSchool(caller), 'school.create', 'school', null);
    const directory = await this.directoryStore.get();
    return directory.upsertSchool({ name: request.name, municipality: request.municipality });
  }

  async list(caller: Caller): Promise<School[]> {
    const directory = await this.directoryStore.get();
    const schools = await directory.listSchools();
    if (hasScope(caller, SCOPES.directoryAdmin) || caller.schoolId === null) return schools;
    return schools.filter((school) => school.id === caller.schoolId);
  }

  /** The school, or the 404 a caller from another school gets (that denial is logged; plain reads are not). */
  async get(caller: Caller, schoolId: string): Promise<School> {
    const directory = await this.directoryStore.get();
    const school = await directory.getSchool(schoolId);
    if (!school) throw await this.audit.notFound(caller, 'school.read', 'school', schoolId, 'no such school');
    const decision = mayReadSchool(caller, schoolId);
    if (!decision.allowed)
      throw await this.audit.notFound(caller, 'school.read', 'school', schoolId, decision.reason);
    return school;
  }

  /** The school's calendars by school year; whoever may read the school may read them. */
  async listCalendars(caller: Caller, schoolId: string): Promise<SchoolCalendar[]> {
    await this.get(caller, schoolId);
    const directory = await this.directoryStore.get();
    return [...(await directory.getCalendars(schoolId))].sort((a, b) =>
      a.schoolYear.localeCompare(b.schoolYear),
    );
  }

  async getCalendar(caller: Caller, schoolId: string, schoolYear: string): Promise<SchoolCalendar> {
    await this.get(caller, schoolId);
    const directory = await this.directoryStore.get();
    const calendar = (await directory.getCalendars(schoolId)).find((c) => c.schoolYear === schoolYear);
    if (!calendar)
      throw new DomainError('NOT_FOUND', `Skolen har ingen kalender for skoleåret ${schoolYear}.`);
    return calendar;
  }

  /** Replaces the year's calendar. Running cases keep the calendar they loaded; new cases use this one. */
  async putCalendar(
    caller: Caller,
    schoolId: string,
    schoolYear: string,
    request: SchoolCalendarRequestDto,
  ): Promise<SchoolCalendar> {
    await this.get(caller, schoolId);
    await this.audit.requirePermitted(
      caller,
      mayManageSchool(caller, schoolId),
      'school.calendar.write',
      'school',
      schoolId,
    );
    const calendar: SchoolCalendar = {
      schoolId,
      schoolYear,
      firstDay: request.firstDay,
      lastDay: request.lastDay,
      closedPeriods: request.closedPeriods.map(({ from, to, kind, name }) => ({ from, to, kind, name })),
    };
    const problems = validateSchoolCalendar(calendar);
    if (problems.length) throw validationFailed(fieldErrorsFromPaths(problems));
    const directory = await this.directoryStore.get();
    await directory.putCalendar(schoolId, calendar);
    return calendar;
  }
}
