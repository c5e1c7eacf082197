import { randomUUID } from 'node:crypto';
import { PARTNER_SERVICES, STAFF_ROLES, type SchoolCalendar, type StaffRole } from '@tiltak/domain';
import { Brackets, type DataSource, type Repository } from 'typeorm';
import { pooledRows } from '../pooled-query';
import { jsonb } from '../sql-values';
import {
  schoolCalendarFromEntity,
  schoolFromEntity,
  staffMemberFromEntity,
  studentFromEntity,
} from './directory.mapper';
import type {
  NewStudent,
  School,
  SchoolInput,
  StaffMember,
  StaffMemberInput,
  Student,
  StudentUpdate,
} from './directory.types';
import { SchoolCalendarEntity } from './school-calendar.entity';
import { SchoolEntity } from './school.entity';
import { StaffMemberEntity } from './staff-member.entity';
import { StudentEntity } from './student.entity';

/** Every column of one student row, named as StudentEntity's properties. */
const STUDENT_BY_ID = `SELECT id, school_id AS "schoolId", class_name AS "className",
    contact_teacher_id AS "contactTeacherId", given_name AS "givenName", family_name AS "familyName",
    concern_profile AS "concernProfile", external_ref AS "externalRef", created_at AS "createdAt",
    updated_at AS "updatedAt"
  FROM students WHERE id = $1`;
/** Schools, their calendars, staff and students: who is who, and which days are school days. */
export class DirectoryRepository {
  private readonly schools: Repository<SchoolEntity>;
  private readonly calendars: Repository<SchoolCalendarEntity>;
  private readonly staff: Repository<StaffMemberEntity>;
  private readonly students: Repository<StudentEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.schools = dataSource.getRepository(SchoolEntity);
    this.calendars = dataSource.getRepository(SchoolCalendarEntity);
    this.staff = dataSource.getRepository(StaffMemberEntity);
    this.students = dataSource.getRepository(StudentEntity);
  }

  // ---- Schools ------------------------------------------------------------------------------------

  /** Creates the school, or renames it when the id exists. */
  async upsertSchool(input: SchoolInput): Promise<School> {
    const id = input.id ?? randomUUID();
    await this.dataSource.query(
      `INSERT INTO schools (id, name, municipality) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, municipality = EXCLUDED.municipality`,
      [id, input.name, input.municipality],
    );
    return schoolFromEntity(await this.schools.findOneByOrFail({ id }));
  }

  async getSchool(id: string): Promise<School | null> {
    const row = await this.schools.findOneBy({ id });
    return row ? schoolFromEntity(row) : null;
  }

  async listSchools(): Promise<School[]> {
    const rows = await this.schools.find({ order: { name: 'ASC', id: 'ASC' } });
    return rows.map(schoolFromEntity);
  }

  // ---- Calendars ----------------------------------------------------------------------------------

  /** Every school year's calendar for the school, oldest first; empty when none is configured. */
  async getCalendars(schoolId: string): Promise<SchoolCalendar[]> {
    const rows = await this.calendars.find({ where: { schoolId }, order: { schoolYear: 'ASC' } });
    return rows.map(schoolCalendarFromEntity);
  }

  /** Stores the calendar for its school year, replacing an earlier version of that year. */
  async putCalendar(schoolId: string, calendar: SchoolCalendar): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO school_calendars (school_id, school_year, calendar, updated_at)
       VALUES ($1, $2, $3::jsonb, now())
       ON CONFLICT (school_id, school_year) DO UPDATE SET calendar = EXCLUDED.calendar, updated_at = now()`,
      [schoolId, calendar.schoolYear, jsonb({ ...calendar, schoolId })],
    );
  }

  // ---- Staff --------------------------------------------------------------------------------------

  /** Creates the staff member, or updates them when the id exists; with `servesSchoolIds`, replaces those. */
  async upsertStaff(input: StaffMemberInput): Promise<StaffMember> {
    const id = input.id ?? randomUUID();
    await this.dataSource.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO staff (id, display_name, email, role, school_id, active, oidc_subject)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (id) DO UPDATE SET display_name = EXCLUDED.display_name, email = EXCLUDED.email,
           role = EXCLUDED.role, school_id = EXCLUDED.school_id, active = EXCLUDED.active,
           oidc_subject = CASE WHEN $8 THEN EXCLUDED.oidc_subject ELSE staff.oidc_subject END`,
        [
          id,
          input.displayName,
          input.email,
          input.role,
          input.schoolId,
          input.active ?? true,
          input.oidcSubject ?? null,
          input.oidcSubject !== undefined,
        ],
      );
      if (input.servesSchoolIds !== undefined) {
        await tx.query('DELETE FROM staff_served_schools WHERE staff_id = $1', [id]);
        await tx.query(
          `INSERT INTO staff_served_schools (staff_id, school_id)
           SELECT $1, school_id FROM unnest($2::uuid[]) AS school_id ON CONFLICT DO NOTHING`,
          [id, [...input.servesSchoolIds]],
        );
      }
    });
    const [member] = await this.withServedSchools([await this.staff.findOneByOrFail({ id })]);
    return member as StaffMember;
  }

  async getStaff(id: string): Promise<StaffMember | null> {
    const row = await this.staff.findOneBy({ id });
    return row ? ((await this.withServedSchools([row]))[0] ?? null) : null;
  }

  /**
   * The active staff rows a signed-in person (OIDC subject) acts as: one per assignment, in the order
   * of STAFF_ROLES (a contact teacher acts as such first), then by id. Empty: unknown or deactivated.
   */
  async findActiveStaffBySubject(oidcSubject: string): Promise<StaffMember[]> {
    const rows = await this.staff
      .createQueryBuilder('s')
      .where('s.oidcSubject = :oidcSubject AND s.active', { oidcSubject })
      .orderBy('array_position(:roles::text[], s.role)', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .setParameter('roles', [...STAFF_ROLES])
      .getMany();
    return this.withServedSchools(rows);
  }

  /** Every role the person (by e-mail, case-insensitive) holds, active or not. */
  async findStaffByEmail(email: string): Promise<StaffMember[]> {
    const rows = await this.staff
      .createQueryBuilder('s')
      .where('lower(s.email) = lower(:email)', { email })
      .orderBy('s.role', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .getMany();
    return this.withServedSchools(rows);
  }

  /**
   * Active staff holding one of the roles at this school, or municipality-wide (school_id NULL). A
   * municipality-wide partner service (PPT, mobile team…) counts only where it serves the school.
   */
  async findByRoles(roles: readonly StaffRole[], schoolId: string): Promise<StaffMember[]> {
    if (roles.length === 0) return [];
    const rows = await this.staff
      .createQueryBuilder('s')
      .where('s.active')
      .andWhere('s.role IN (:...roles)', { roles: [...roles] })
      .andWhere(
        new Brackets((b) => {
          b.where('s.schoolId = :schoolId')
            .orWhere('s.schoolId IS NULL AND s.role NOT IN (:...partners)')
            .orWhere(
              `s.schoolId IS NULL AND EXISTS (SELECT 1 FROM staff_served_schools v
                 WHERE v.staff_id = s.id AND v.school_id = :schoolId)`,
            );
        }),
        { schoolId, partners: [...PARTNER_SERVICES] },
      )
      .orderBy('s.role', 'ASC')
      .addOrderBy('s.displayName', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .getMany();
    return this.withServedSchools(rows);
  }

  /** Active staff, by name: one school's together with the municipality-wide ones, or everyone; optionally one role. */
  async listActiveStaff(filter: { schoolId?: string; role?: StaffRole } = {}): Promise<StaffMember[]> {
    return this.listStaff({ ...filter, includeInactive: false });
  }

  /** Staff by name, as listActiveStaff; `includeInactive` adds the deactivated ones (for the administration). */
  async listStaff(filter: {
    schoolId?: string;
    role?: StaffRole;
    includeInactive: boolean;
  }): Promise<StaffMember[]> {
    const qb = this.staff.createQueryBuilder('s').where(filter.includeInactive ? 'true' : 's.active');
    if (filter.schoolId !== undefined) {
      qb.andWhere('(s.schoolId = :schoolId OR s.schoolId IS NULL)', { schoolId: filter.schoolId });
    }
    if (filter.role !== undefined) qb.andWhere('s.role = :role', { role: filter.role });
    const rows = await qb.orderBy('s.displayName', 'ASC').addOrderBy('s.id', 'ASC').getMany();
    return this.withServedSchools(rows);
  }

  private async withServedSchools(rows: readonly StaffMemberEntity[]): Promise<StaffMember[]> {
    const wide = rows.filter((row) => row.schoolId === null).map((row) => row.id);
    const served = new Map<string, string[]>();
    if (wide.length > 0) {
      const pairs = (await this.dataSource.query(
        `SELECT staff_id, school_id FROM staff_served_schools WHERE staff_id = ANY($1::uuid[])
          ORDER BY school_id`,
        [wide],
      )) as { staff_id: string; school_id: string }[];
      for (const pair of pairs)
        served.set(pair.staff_id, [...(served.get(pair.staff_id) ?? []), pair.school_id]);
    }
    return rows.map((row) => staffMemberFromEntity(row, served.get(row.id) ?? []));
  }

  // ---- Students -----------------------------------------------------------------------------------

  /** One statement on the pool (every case opened starts with it): no query builder. */
  async getStudent(id: string): Promise<Student | null> {
    const [row] = await pooledRows<StudentEntity>(this.dataSource, STUDENT_BY_ID, [id]);
    return row ? studentFromEntity(row) : null;
  }

  async listStudents(schoolId: string): Promise<Student[]> {
    const rows = await this.students.find({
      where: { schoolId },
      order: { className: 'ASC', familyName: 'ASC', givenName: 'ASC', id: 'ASC' },
    });
    return rows.map(studentFromEntity);
  }

  async createStudent(input: NewStudent): Promise<Student> {
    const id = input.id ?? randomUUID();
    await this.dataSource.query(
      `INSERT INTO students (id, school_id, class_name, contact_teacher_id, given_name, family_name, concern_profile, external_ref)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)`,
      [
        id,
        input.schoolId,
        input.className,
        input.contactTeacherId,
        input.givenName,
        input.familyName,
        jsonb(input.concernProfile),
        input.externalRef ?? null,
      ],
    );
    return studentFromEntity(await this.students.findOneByOrFail({ id }));
  }

  /** Changes the given fields; null when there is no such student. */
  async updateStudent(id: string, patch: StudentUpdate): Promise<Student | null> {
    const columns: Record<keyof StudentUpdate, string> = {
      schoolId: 'school_id',
      className: 'class_name',
      contactTeacherId: 'contact_teacher_id',
      givenName: 'given_name',
      familyName: 'family_name',
      concernProfile: 'concern_profile',
      externalRef: 'external_ref',
    };
    const sets: string[] = [];
    const params: unknown[] = [id];
    for (const field of Object.keys(columns) as (keyof StudentUpdate)[]) {
      const value = patch[field];
      if (value === undefined) continue;
      params.push(field === 'concernProfile' ? jsonb(value) : value);
      sets.push(`${columns[field]} = $${params.length}${field === 'concernProfile' ? '::jsonb' : ''}`);
    }
    if (sets.length > 0) {
      await this.dataSource.query(
        `UPDATE students SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`,
        params,
      );
    }
    return this.getStudent(id);
  }
}
