import { Injectable } from '@nestjs/common';
import {
  PG_UNIQUE_VIOLATION,
  postgresErrorOf,
  type Student,
  type StudentConcernProfile,
} from '@tiltak/persistence';
import { AccessAudit } from '../access/access-audit.service';
import {
  caseListScope,
  mayManageStudents,
  mayReadSchool,
  mayReadStudentDirectly,
} from '../access/access-policy';
import { type Caller, SCOPES, hasScope } from '../auth/caller';
import { DomainError } from '../errors/domain-error';
import { CaseReadModelStore, DirectoryStore } from '../infrastructure/stores.provider';
import type { ConcernProfileDto } from './dto/concern-profile.dto';
import type { CreateStudentRequestDto } from './dto/create-student.request.dto';
import type { UpdateStudentRequestDto } from './dto/update-student.request.dto';

@Injectable()
export class StudentsService {
  constructor(
    private readonly directoryStore: DirectoryStore,
    private readonly caseReadModelStore: CaseReadModelStore,
    private readonly audit: AccessAudit,
  ) {}

  async create(caller: Caller, request: CreateStudentRequestDto): Promise<Student> {
    await this.audit.requirePermitted(
      caller,
      mayManageStudents(caller, request.schoolId),
      'student.create',
      'school',
      request.schoolId,
    );
    const directory = await this.directoryStore.get();
    if (!(await directory.getSchool(request.schoolId))) {
      throw new DomainError('UNPROCESSABLE', 'Skolen finnes ikke.', {
        reason: 'UNKNOWN_SCHOOL',
      });
    }
    await this.requireContactTeacher(request.contactTeacherId, request.schoolId);
    return withUniqueExternalRef(() =>
      directory.createStudent({
        schoolId: request.schoolId,
        className: request.className,
        contactTeacherId: request.contactTeacherId,
        givenName: request.givenName,
        familyName: request.familyName,
        concernProfile: request.concernProfile ? toProfile(request.concernProfile) : null,
        externalRef: request.externalRef ?? null,
      }),
    );
  }

  /** The contact teacher, the school's leadership, and anyone who can see one of the student's cases. */
  async get(caller: Caller, studentId: string): Promise<Student> {
    const [directory, cases] = await Promise.all([this.directoryStore.get(), this.caseReadModelStore.get()]);
    const student = await directory.getStudent(studentId);
    if (!student)
      throw await this.audit.notFound(caller, 'student.read', 'student', studentId, 'no such student');
    let decision = mayReadStudentDirectly(caller, student);
    if (!decision.allowed) {
      const { total } = await cases.list({ ...caseListScope(caller), studentId }, { limit: 1 });
      if (total > 0) decision = { allowed: true };
    }
    await this.audit.requireVisible(caller, decision, 'student.read', 'student', studentId);
    return student;
  }

  /** A school's students: for its leadership; a contact teacher gets their own students. */
  async list(caller: Caller, schoolIdFilter: string | undefined): Promise<Student[]> {
    const schoolId = schoolIdFilter ?? caller.schoolId;
    if (!schoolId)
      throw new DomainError('VALIDATION_FAILED', 'Oppgi schoolId.', {
        fieldErrors: [{ field: 'schoolId', message: 'is required for municipality-wide staff' }],
      });
    const visible = mayReadSchool(caller, schoolId);
    if (!visible.allowed)
      throw await this.audit.notFound(caller, 'student.list', 'school', schoolId, visible.reason);
    const teacherOnly = caller.role === 'contact-teacher' && !hasScope(caller, SCOPES.directoryAdmin);
    const managing = mayManageStudents(caller, schoolId);
    if (!teacherOnly && !managing.allowed) {
      throw await this.audit.forbidden(
        caller,
        'student.list',
        'school',
        schoolId,
        'only the contact teacher and the school leadership list students',
      );
    }
    await this.audit.allowed(caller, 'student.list', 'school', schoolId);
    const directory = await this.directoryStore.get();
    const students = await directory.listStudents(schoolId);
    return teacherOnly ? students.filter((s) => s.contactTeacherId === caller.staffId) : students;
  }

  async update(caller: Caller, studentId: string, request: UpdateStudentRequestDto): Promise<Student> {
    const directory = await this.directoryStore.get();
    const student = await directory.getStudent(studentId);
    if (!student)
      throw await this.audit.notFound(caller, 'student.update', 'student', studentId, 'no such student');
    const visible = mayReadStudentDirectly(caller, student);
    if (!visible.allowed)
      throw await this.audit.notFound(caller, 'student.update', 'student', studentId, visible.reason);
    await this.audit.requirePermitted(
      caller,
      mayManageStudents(caller, student.schoolId),
      'student.update',
      'student',
      studentId,
    );
    if (request.contactTeacherId !== undefined)
      await this.requireContactTeacher(request.contactTeacherId, student.schoolId);
    const updated = await withUniqueExternalRef(() =>
      directory.updateStudent(studentId, {
        ...(request.className !== undefined ? { className: request.className } : {}),
        ...(request.contactTeacherId !== undefined ? { contactTeacherId: request.contactTeacherId } : {}),
        ...(request.givenName !== undefined ? { givenName: request.givenName } : {}),
        ...(request.familyName !== undefined ? { familyName: request.familyName } : {}),
        ...(request.concernProfile !== undefined
          ? { concernProfile: request.concernProfile ? toProfile(request.concernProfile) : null }
          : {}),
        ...(request.externalRef !== undefined ? { externalRef: request.externalRef } : {}),
      }),
    );
    return updated ?? student;
  }

  private async requireContactTeacher(staffId: string, schoolId: string): Promise<void> {
    const directory = await this.directoryStore.get();
    const teacher = await directory.getStaff(staffId);
    if (!teacher || !teacher.active || teacher.role !== 'contact-teacher' || teacher.schoolId !== schoolId) {
      throw new DomainError('UNPROCESSABLE', 'Kontaktlæreren må være en aktiv kontaktlærer ved skolen.', {
        fieldErrors: [
          { field: 'contactTeacherId', message: 'must be an active contact teacher at the school' },
        ],
        reason: 'NOT_A_CONTACT_TEACHER',
      });
    }
  }
}

function toProfile(dto: ConcernProfileDto): StudentConcernProfile {
  return { lowerThresholdPercent: dto.lowerThresholdPercent, reason: dto.reason, reviewOn: dto.reviewOn };
}

/** Another student of the school has the reference: 409, nothing changed. */
async function withUniqueExternalRef<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    const pg = postgresErrorOf(err);
    if (pg?.code === PG_UNIQUE_VIOLATION && pg.constraint === 'students_school_external_ref_key') {
      throw new DomainError('CONFLICT', 'En annen elev ved skolen har allerede denne elevreferansen.', {
        reason: 'EXTERNAL_REF_TAKEN',
        fieldErrors: [{ field: 'externalRef', message: 'er allerede i bruk ved skolen' }],
      });
    }
    throw err;
  }
}
