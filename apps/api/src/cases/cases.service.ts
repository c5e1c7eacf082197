import { Injectable, Logger } from '@nestjs/common';
import { openCase, validateOpenCaseInput, type SchoolCalendar } from '@tiltak/domain';
import {
  InvalidPageError,
  type AccessLogInput,
  type CaseListFilter,
  type Student,
} from '@tiltak/persistence';
import type { CaseWorkflowInput } from '@tiltak/workflows';
import { AccessAudit } from '../access/access-audit.service';
import { mayOpenCase, mayReadStudentDirectly } from '../access/access-policy';
import type { Caller } from '../auth/caller';
import { DomainError } from '../errors/domain-error';
import { validationFailed } from '../errors/validation-errors';
import { CasePolicy } from '../infrastructure/ladder-policy';
import {
  AbsenceStoreRef,
  CaseReadModelStore,
  DirectoryStore,
  InstallationStoreRef,
} from '../infrastructure/stores.provider';
import { overviewFiguresFrom, type CaseAbsenceDto } from '../absence/dto/absence-overview.response.dto';
import { CaseAccess } from './case-access.service';
import { inactivityFilter, listFilter } from './case-list.filter';
import { caseIdFor, casePath } from './case-ids';
import { caseListItemFrom, caseResponseFrom } from './case-view.mapper';
import { CaseWorkflows } from './case-workflows';
import type { CaseListQueryDto } from './dto/case-list.query.dto';
import type { CaseListResponseDto } from './dto/case-list.response.dto';
import type { CaseResponseDto } from './dto/case.response.dto';
import type { OpenCaseRequestDto } from './dto/open-case.request.dto';

// A closed case whose read model row is missing makes us skip its number; more than a few in a row is a bug.
const MAX_OPEN_ATTEMPTS = 5;
const FIRST_STATE_WAIT_MS = 5_000;
const DEFAULT_PAGE_SIZE = 50;

@Injectable()
export class CasesService {
  private readonly logger = new Logger('cases');

  constructor(
    private readonly directoryStore: DirectoryStore,
    private readonly caseReadModelStore: CaseReadModelStore,
    private readonly installationStore: InstallationStoreRef,
    private readonly workflows: CaseWorkflows,
    private readonly access: CaseAccess,
    private readonly audit: AccessAudit,
    private readonly casePolicy: CasePolicy,
    private readonly absenceStore: AbsenceStoreRef,
  ) {}

  /**
   * One open case per student. The case id is derived from the student and the number of earlier
   * cases, and the workflow id from the case id, so two concurrent opens start one workflow and the
   * other learns where the open case is.
   */
  async open(caller: Caller, request: OpenCaseRequestDto): Promise<CaseResponseDto> {
    if (request.trigger === 'absence-percentage' && request.absencePercent === undefined) {
      throw validationFailed([
        { field: 'absencePercent', message: 'må fylles ut når utløseren er absence-percentage' },
      ]);
    }
    const [directory, cases, installation] = await Promise.all([
      this.directoryStore.get(),
      this.caseReadModelStore.get(),
      this.installationStore.get(),
    ]);
    const student = await this.studentToOpenFor(caller, request.studentId);
    const { openCaseId, earlier } = await cases.openingFacts(student.id);
    if (openCaseId) throw openCaseConflict(openCaseId);

    const installationId = await installation.id();
    for (let attempt = 0; attempt < MAX_OPEN_ATTEMPTS; attempt++) {
      const caseId = caseIdFor(installationId, student.id, earlier + attempt);
      const input: CaseWorkflowInput = {
        open: {
          caseId,
          studentId: student.id,
          schoolId: student.schoolId,
          // The student's contact teacher owns the case, whoever raised it.
          ownerStaffId: student.contactTeacherId,
          trigger: request.trigger,
          absencePercent: request.absencePercent ?? null,
          openedAt: new Date().toISOString(),
          openedBy: { staffId: caller.staffId, role: caller.role },
        },
        policy: this.casePolicy.policy,
      };
      const { openedBy: _openedBy, ...openInput } = input.open;
      const valid = validateOpenCaseInput(openInput, input.open.openedAt);
      if (!valid.ok)
        throw new DomainError('UNPROCESSABLE', 'Saken kan ikke åpnes med disse opplysningene.', {
          reason: valid.code,
        });

      const outcome = await this.workflows.start(input, FIRST_STATE_WAIT_MS);
      if (outcome.kind === 'running') throw openCaseConflict(caseId);
      if (outcome.kind === 'closed') {
        this.logger.warn({ msg: 'Case number already used by a closed case; read model behind', caseId });
        continue;
      }
      await this.audit.allowed(caller, 'case.open', 'case', caseId);
      if (outcome.state) return caseResponseFrom(outcome.state, 'live', caller);
      // The workflow has not answered yet (its first activities are retrying): show where it starts from.
      const stored = (await cases.get(caseId))?.state;
      const initial =
        stored ?? openCase(openInput, this.casePolicy.policy, await directory.getCalendars(student.schoolId));
      return caseResponseFrom(initial, 'read-model', caller);
    }
    throw new Error(`Could not find a free case number for a student after ${MAX_OPEN_ATTEMPTS} attempts`);
  }

  /** The student, if the caller may raise a concern for them; a caller who may not see the student gets 404. */
  private async studentToOpenFor(caller: Caller, studentId: string): Promise<Student> {
    const directory = await this.directoryStore.get();
    const student = await directory.getStudent(studentId);
    if (!student)
      throw await this.audit.notFound(caller, 'case.open', 'student', studentId, 'no such student');
    const decision = mayOpenCase(caller, student);
    if (decision.allowed) return student;
    if (!mayReadStudentDirectly(caller, student).allowed) {
      throw await this.audit.notFound(caller, 'case.open', 'student', student.id, decision.reason);
    }
    throw await this.audit.forbidden(caller, 'case.open', 'student', student.id, decision.reason);
  }

  /** Two round trips: the read model's row (the access decision), then the figures with the log row. */
  async get(caller: Caller, caseId: string): Promise<CaseResponseDto> {
    const { state, source } = await this.access.load(caller, caseId, 'case.read', { logAllowed: false });
    const absence = await this.absenceNow(
      this.audit.allowedEntry(caller, 'case.read', 'case', caseId),
      state,
    );
    return { ...caseResponseFrom(state, source, caller), absence };
  }

  /**
   * The student's figures as the school's absence overview computes them; null before any import. The
   * read's access-log row goes in the same statement.
   */
  private async absenceNow(
    access: AccessLogInput,
    state: { schoolId: string; studentId: string },
  ): Promise<CaseAbsenceDto | null> {
    const absence = await this.absenceStore.get();
    const row = await absence.studentFiguresLogged(access, state.schoolId, state.studentId);
    if (!row) return null;
    return { ...overviewFiguresFrom(row.figures), flags: row.concerning };
  }

  /** From the read model only, restricted to what the caller may see; never one query per workflow. */
  async list(caller: Caller, query: CaseListQueryDto): Promise<CaseListResponseDto> {
    const filter = listFilter(caller, query);
    if (query.inactiveSchoolDays !== undefined)
      filter.inactiveBefore = await this.inactiveBefore(filter.schoolIds, query.inactiveSchoolDays);
    const cases = await this.caseReadModelStore.get();
    try {
      const page = await cases.list(filter, {
        limit: query.limit ?? DEFAULT_PAGE_SIZE,
        ...(query.cursor ? { cursor: query.cursor } : {}),
      });
      await this.audit.allowed(caller, 'case.list', 'case', null);
      return { items: page.items.map(caseListItemFrom), total: page.total, nextCursor: page.nextCursor };
    } catch (err) {
      if (err instanceof InvalidPageError)
        throw validationFailed([{ field: 'cursor', message: 'er ikke en markør denne listen har gitt ut' }]);
      throw err;
    }
  }

  /** Per-school cutoffs for "no activity for n school days" over the schools the list covers. */
  private async inactiveBefore(
    schoolIds: readonly string[] | undefined,
    schoolDays: number,
  ): Promise<NonNullable<CaseListFilter['inactiveBefore']>> {
    const directory = await this.directoryStore.get();
    const ids = schoolIds ?? (await directory.listSchools()).map((school) => school.id);
    const calendars = new Map<string, SchoolCalendar[]>();
    for (const id of ids) calendars.set(id, await directory.getCalendars(id));
    return inactivityFilter(
      calendars,
      new Date().toISOString(),
      schoolDays,
      this.casePolicy.policy.schoolDayEndsAt,
    );
  }
}

function openCaseConflict(caseId: string): DomainError {
  return new DomainError('CONFLICT', 'Eleven har allerede en åpen sak.', {
    reason: 'OPEN_CASE_EXISTS',
    location: casePath(caseId),
  });
}
