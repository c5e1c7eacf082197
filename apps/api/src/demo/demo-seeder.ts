import type { DirectoryRepository } from '@tiltak/persistence';
import {
  ALL_DEMO_STAFF_ROWS,
  DEMO_MUNICIPALITY,
  DEMO_SCHOOLS,
  DEMO_STUDENTS,
  demoCalendars,
} from './demo-data';

/** Upserts the demo municipality. Idempotent: fixed ids, so a second run changes nothing new. */
export async function seedDemoData(directory: DirectoryRepository): Promise<void> {
  for (const school of Object.values(DEMO_SCHOOLS)) {
    await directory.upsertSchool({ id: school.id, name: school.name, municipality: DEMO_MUNICIPALITY });
    for (const calendar of demoCalendars())
      await directory.putCalendar(school.id, { ...calendar, schoolId: school.id });
  }
  for (const member of ALL_DEMO_STAFF_ROWS) await directory.upsertStaff({ ...member, active: true });
  for (const { id, ...student } of Object.values(DEMO_STUDENTS)) {
    if (await directory.getStudent(id)) await directory.updateStudent(id, student);
    else await directory.createStudent({ id, ...student });
  }
}
