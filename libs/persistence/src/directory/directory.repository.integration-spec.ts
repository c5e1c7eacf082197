import { randomUUID } from 'node:crypto';
import type { SchoolCalendar } from '@tiltak/domain';
import type { DataSource } from 'typeorm';
import { migratedTestDatabase } from '../testing/test-database';
import { DirectoryRepository } from './directory.repository';

function calendar(schoolYear: string): SchoolCalendar {
  const [from, to] = schoolYear.split('-');
  return {
    schoolYear,
    firstDay: `${from}-08-17`,
    lastDay: `${to}-06-18`,
    closedPeriods: [{ from: `${from}-10-05`, to: `${from}-10-09`, kind: 'holiday', name: 'Høstferie' }],
  };
}

describe('DirectoryRepository', () => {
  let dataSource: DataSource;
  let directory: DirectoryRepository;

  beforeAll(async () => {
    ({ dataSource } = await migratedTestDatabase());
    directory = new DirectoryRepository(dataSource);
  });
  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('creates a school and renames it by id', async () => {
    const school = await directory.upsertSchool({ name: 'Eksempel skole', municipality: 'Testkommune' });
    const renamed = await directory.upsertSchool({
      id: school.id,
      name: 'Eksempel barneskole',
      municipality: 'Testkommune',
    });
    expect(renamed).toEqual({ ...school, name: 'Eksempel barneskole' });
    expect(await directory.getSchool(school.id)).toEqual(renamed);
    expect((await directory.listSchools()).map((s) => s.id)).toContain(school.id);
  });

  it('keeps one calendar per school year, returned oldest first, a new version replacing the old', async () => {
    const school = await directory.upsertSchool({ name: 'Kalenderskole', municipality: 'Testkommune' });
    expect(await directory.getCalendars(school.id)).toEqual([]);

    await directory.putCalendar(school.id, calendar('2026-2027'));
    await directory.putCalendar(school.id, calendar('2025-2026'));
    const revised = { ...calendar('2026-2027'), lastDay: '2027-06-17' };
    await directory.putCalendar(school.id, revised);

    expect(await directory.getCalendars(school.id)).toEqual([
      { ...calendar('2025-2026'), schoolId: school.id },
      { ...revised, schoolId: school.id },
    ]);
  });

  it('finds active staff of the roles at the school, or municipality-wide partners serving it, and nobody else', async () => {
    const school = await directory.upsertSchool({ name: 'Rolleskole', municipality: 'Testkommune' });
    const other = await directory.upsertSchool({ name: 'Annen skole', municipality: 'Testkommune' });
    const leader = await directory.upsertStaff({
      displayName: 'Rektor',
      email: 'rektor@rolle.test',
      role: 'school-leadership',
      schoolId: school.id,
    });
    const ppt = await directory.upsertStaff({
      displayName: 'PPT',
      email: 'ppt@kommune.test',
      role: 'ppt',
      schoolId: null,
      servesSchoolIds: [school.id],
    });
    // Municipality-wide, but the other school's advisor: not a recipient for this school.
    const otherPpt = await directory.upsertStaff({
      displayName: 'Annen PPT',
      email: 'ppt2@kommune.test',
      role: 'ppt',
      schoolId: null,
      servesSchoolIds: [other.id],
    });
    await directory.upsertStaff({
      displayName: 'Annen rektor',
      email: 'r@annen.test',
      role: 'school-leadership',
      schoolId: other.id,
    });
    await directory.upsertStaff({
      displayName: 'Tidligere rektor',
      email: 'old@rolle.test',
      role: 'school-leadership',
      schoolId: school.id,
      active: false,
    });
    await directory.upsertStaff({
      displayName: 'Lærer',
      email: 'kt@rolle.test',
      role: 'contact-teacher',
      schoolId: school.id,
    });

    const found = await directory.findByRoles(['school-leadership', 'ppt'], school.id);
    expect(found.map((s) => s.id).sort()).toEqual([leader.id, ppt.id].sort());
    expect(found.find((s) => s.id === ppt.id)).toMatchObject({
      schoolId: null,
      servesSchoolIds: [school.id],
      role: 'ppt',
      active: true,
    });
    expect((await directory.findByRoles(['ppt'], other.id)).map((s) => s.id)).toEqual([otherPpt.id]);
    expect(await directory.findByRoles([], school.id)).toEqual([]);
  });

  it('keeps the schools a municipality-wide partner serves, replaced as a whole when given', async () => {
    const [east, west] = await Promise.all([
      directory.upsertSchool({ name: 'Øst skole', municipality: 'Testkommune' }),
      directory.upsertSchool({ name: 'Vest skole', municipality: 'Testkommune' }),
    ]);
    const nurse = await directory.upsertStaff({
      displayName: 'Helsesykepleier',
      email: `${randomUUID()}@example.no`,
      role: 'health-nurse',
      schoolId: null,
      servesSchoolIds: [east.id, west.id],
    });
    expect([...nurse.servesSchoolIds].sort()).toEqual([east.id, west.id].sort());
    // Without the field the schools stay as they were (e.g. the demo seeder renaming someone).
    const { servesSchoolIds: _unchanged, ...withoutSchools } = nurse;
    const renamed = await directory.upsertStaff({ ...withoutSchools, displayName: 'Helsesykepleier Ny' });
    expect([...renamed.servesSchoolIds].sort()).toEqual([east.id, west.id].sort());
    const narrowed = await directory.upsertStaff({ ...nurse, servesSchoolIds: [west.id] });
    expect(narrowed.servesSchoolIds).toEqual([west.id]);
    expect((await directory.getStaff(nurse.id))?.servesSchoolIds).toEqual([west.id]);
    expect((await directory.findStaffByEmail(nurse.email)).map((s) => s.servesSchoolIds)).toEqual([
      [west.id],
    ]);
    await expect(directory.upsertStaff({ ...nurse, servesSchoolIds: [randomUUID()] })).rejects.toThrow(
      /foreign key/,
    );
    expect((await directory.getStaff(nurse.id))?.servesSchoolIds).toEqual([west.id]);
  });

  it('lists active staff by name: a school with the municipality-wide services, or everyone', async () => {
    const [north, south] = await Promise.all([
      directory.upsertSchool({ name: 'Nord skole', municipality: 'Listekommune' }),
      directory.upsertSchool({ name: 'Sør skole', municipality: 'Listekommune' }),
    ]);
    const teacher = await directory.upsertStaff({
      displayName: 'Åse Lærer',
      email: `${randomUUID()}@example.no`,
      role: 'contact-teacher',
      schoolId: north.id,
    });
    const elsewhere = await directory.upsertStaff({
      displayName: 'Bo Lærer',
      email: `${randomUUID()}@example.no`,
      role: 'contact-teacher',
      schoolId: south.id,
    });
    const ppt = await directory.upsertStaff({
      displayName: 'Anna PPT',
      email: `${randomUUID()}@example.no`,
      role: 'ppt',
      schoolId: null,
    });
    const gone = await directory.upsertStaff({
      displayName: 'Cato Sluttet',
      email: `${randomUUID()}@example.no`,
      role: 'contact-teacher',
      schoolId: north.id,
      active: false,
    });

    const atNorth = (await directory.listActiveStaff({ schoolId: north.id })).map((s) => s.id);
    expect(atNorth).toEqual(expect.arrayContaining([teacher.id, ppt.id]));
    expect(atNorth).not.toContain(elsewhere.id);
    expect(atNorth).not.toContain(gone.id);
    expect(
      (await directory.listActiveStaff({ schoolId: north.id, role: 'ppt' })).every((s) => s.role === 'ppt'),
    ).toBe(true);
    const everyone = await directory.listActiveStaff();
    expect(everyone.map((s) => s.id)).toEqual(expect.arrayContaining([teacher.id, elsewhere.id, ppt.id]));
    const names = everyone.map((s) => s.displayName);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('refuses a second staff row with the same e-mail (any case), role and school, municipality-wide included', async () => {
    await directory.upsertStaff({
      displayName: 'MT',
      email: 'mobilt@kommune.test',
      role: 'mobile-team',
      schoolId: null,
    });
    await expect(
      directory.upsertStaff({
        displayName: 'MT 2',
        email: 'Mobilt@Kommune.test',
        role: 'mobile-team',
        schoolId: null,
      }),
    ).rejects.toThrow(/staff_email_role_school_key/);
    // The same person in another role is fine.
    const nurse = await directory.upsertStaff({
      displayName: 'MT',
      email: 'mobilt@kommune.test',
      role: 'health-nurse',
      schoolId: null,
    });
    expect((await directory.findStaffByEmail('MOBILT@kommune.test')).map((s) => s.role)).toEqual([
      'health-nurse',
      'mobile-team',
    ]);
    expect(await directory.getStaff(nurse.id)).toEqual(nurse);
  });

  it('refuses a role outside the known list', async () => {
    await expect(
      dataSource.query(
        `INSERT INTO staff (id, display_name, email, role) VALUES ($1, 'X', 'x@x.test', 'janitor')`,
        [randomUUID()],
      ),
    ).rejects.toThrow(/check constraint/);
  });

  it('creates, reads and updates a student, changing only the given fields', async () => {
    const school = await directory.upsertSchool({ name: 'Elevskole', municipality: 'Testkommune' });
    const teacher = await directory.upsertStaff({
      displayName: 'Kontaktlærer',
      email: 'kt@elev.test',
      role: 'contact-teacher',
      schoolId: school.id,
    });
    const student = await directory.createStudent({
      schoolId: school.id,
      className: '6A',
      contactTeacherId: teacher.id,
      givenName: 'Testelev',
      familyName: 'Eksempel',
    });
    expect(student).toMatchObject({ className: '6A', concernProfile: null, givenName: 'Testelev' });
    expect(await directory.getStudent(student.id)).toEqual(student);

    const profile = { lowerThresholdPercent: 5, reason: 'family-situation', reviewOn: '2027-01-15' };
    const updated = await directory.updateStudent(student.id, { className: '7A', concernProfile: profile });
    expect(updated).toMatchObject({ className: '7A', familyName: 'Eksempel', concernProfile: profile });
    expect(Date.parse(updated?.updatedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(student.updatedAt));

    expect((await directory.updateStudent(student.id, { concernProfile: null }))?.concernProfile).toBeNull();
    expect(await directory.updateStudent(randomUUID(), { className: '1A' })).toBeNull();
    expect((await directory.listStudents(school.id)).map((s) => s.id)).toEqual([student.id]);
  });

  it('refuses a student at a school that does not exist', async () => {
    const school = await directory.upsertSchool({ name: 'FK-skole', municipality: 'Testkommune' });
    const teacher = await directory.upsertStaff({
      displayName: 'KT',
      email: 'kt@fk.test',
      role: 'contact-teacher',
      schoolId: school.id,
    });
    await expect(
      directory.createStudent({
        schoolId: randomUUID(),
        className: '1A',
        contactTeacherId: teacher.id,
        givenName: 'A',
        familyName: 'B',
      }),
    ).rejects.toThrow(/foreign key/);
  });
});
