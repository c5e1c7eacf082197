// A real environment for this library's integration specs: a fresh migrated database with a synthetic
// school and staff, an in-process SMTP server and a MailSender pointed at it. Test-only (excluded from
// the build). Every person here is made up; the student's name, note and mapping exist so the specs
// can prove none of them reaches an inbox.
import { randomUUID } from 'node:crypto';
import type { CaseState, NotificationRequest, RecordedEvent, Step } from '@tiltak/domain';
import {
  CaseEventStore,
  createDataSource,
  DirectoryRepository,
  runMigrations,
  type StaffMember,
} from '@tiltak/persistence';
// Test-only import: infra code may not depend on the testing lib, but its specs need it.
// eslint-disable-next-line @nx/enforce-module-boundaries
import {
  createTestDatabase,
  startTestSmtpServer,
  type CapturedMail,
  type TestSmtpServer,
} from '@tiltak/testing';
import type { DataSource } from 'typeorm';
import { MailSender } from '../mail-sender';

export const BASE_URL = 'https://tiltak.fjellvang.test';
export const FROM = 'Tiltakstrappa <ikke-svar@tiltakstrappa.test>';
export const NATIONAL_ID = '01017012345';
export const NOTE_TEXT = `Eleven forteller om vondt i magen hver mandag. Fødselsnummer ${NATIONAL_ID} står i arkivet.`;
export const MAPPING_TEXT = 'Kartlegging: lite søvn, konflikt hjemme';
export const STUDENT = { givenName: 'Kari', familyName: 'Nordvik', className: '7B' };

export interface ScenarioStaff {
  owner: StaffMember;
  principal: StaffMember;
  competenceTeam: StaffMember;
  ppt: StaffMember;
  mobileTeam: StaffMember;
}

export interface NotificationScenario {
  url: string;
  dataSource: DataSource;
  directory: DirectoryRepository;
  caseEvents: CaseEventStore;
  smtp: TestSmtpServer;
  sender: MailSender;
  schoolId: string;
  staff: ScenarioStaff;
  /** A case at `step` for a new synthetic student, with a note and a mapping that must stay out of email. */
  openCase(step?: Step, school?: string, ownerId?: string): Promise<CaseState>;
  request(c: CaseState, overrides: Partial<NotificationRequest>): NotificationRequest;
  close(): Promise<void>;
}

export async function startNotificationScenario(name = 'notifications'): Promise<NotificationScenario> {
  const db = await createTestDatabase(name);
  await runMigrations(db.migrationUrl, { appRole: db.appRole });
  const url = db.url;
  const dataSource = createDataSource(url, { applicationName: `${name}-tests` });
  await dataSource.initialize();
  const directory = new DirectoryRepository(dataSource);
  const caseEvents = new CaseEventStore(dataSource);

  const schoolId = (
    await directory.upsertSchool({ name: 'Fjellvang skole', municipality: 'Testvik kommune' })
  ).id;
  // Municipality-wide partners serve this school (they are its recipients only then).
  const staffAt = (displayName: string, email: string, role: StaffMember['role'], school: string | null) =>
    directory.upsertStaff({
      displayName,
      email,
      role,
      schoolId: school,
      servesSchoolIds: school === null ? [schoolId] : [],
    });
  // Nobody is health nurse or social teacher: the specs use those roles for gaps.
  const staff: ScenarioStaff = {
    owner: await staffAt('Ingrid Lunde', 'ingrid.lunde@fjellvang.test', 'contact-teacher', schoolId),
    principal: await staffAt('Bjørn Sæther', 'rektor@fjellvang.test', 'school-leadership', schoolId),
    competenceTeam: await staffAt(
      'Kompetanseteamet',
      'kompetanseteam@fjellvang.test',
      'competence-team',
      schoolId,
    ),
    // Municipality-wide partners.
    ppt: await staffAt('PPT Testvik', 'ppt@testvik.test', 'ppt', null),
    mobileTeam: await staffAt('Mobilt team Testvik', 'mobilt.team@testvik.test', 'mobile-team', null),
  };

  const smtp = await startTestSmtpServer();
  const sender = new MailSender({ smtpUrl: smtp.url, from: FROM }, { timeoutMs: 3000 });

  async function openCase(step: Step = 1, school = schoolId, ownerId = staff.owner.id): Promise<CaseState> {
    const student = await directory.createStudent({
      schoolId: school,
      contactTeacherId: ownerId,
      ...STUDENT,
    });
    const openedAt = '2026-11-23T08:00:00.000Z';
    const state: CaseState = {
      caseId: randomUUID(),
      studentId: student.id,
      schoolId: school,
      ownerStaffId: ownerId,
      trigger: 'absence-percentage',
      step,
      status: 'open',
      openedAt,
      closedAt: null,
      closeReason: null,
      pausedAt: null,
      deadlines: [],
      measures: [],
      stepProgress: {
        meetingHeld: false,
        mappingRecorded: true,
        consentGiven: null,
        referralSent: false,
        teamAdviceRecorded: false,
        evaluations: 0,
      },
      deadlineSequence: 0,
      eventCount: 2,
      lastEventAt: openedAt,
    };
    const actor = { staffId: ownerId, role: 'contact-teacher' as const };
    const summaryOf = { riskFactors: [], summary: MAPPING_TEXT };
    const events: RecordedEvent[] = [
      {
        type: 'note-added',
        eventId: `${state.caseId}:note`,
        actor,
        occurredAt: openedAt,
        payload: { text: NOTE_TEXT },
        caseId: state.caseId,
        step,
        recordedAt: openedAt,
      },
      {
        type: 'mapping-recorded',
        eventId: `${state.caseId}:mapping`,
        actor,
        occurredAt: openedAt,
        payload: {
          areas: {
            school: { riskFactors: ['alone-at-breaks'], summary: MAPPING_TEXT },
            home: { riskFactors: ['events-in-family'], summary: MAPPING_TEXT },
            leisure: summaryOf,
            student: { riskFactors: ['stomach-ache-or-nausea'], summary: MAPPING_TEXT },
          },
        },
        caseId: state.caseId,
        step,
        recordedAt: openedAt,
      },
    ];
    await caseEvents.append({ state, events });
    return state;
  }

  function request(c: CaseState, overrides: Partial<NotificationRequest>): NotificationRequest {
    const kind = overrides.kind ?? 'reminder';
    const deadlineKind = overrides.deadlineKind === undefined ? 'step1-contact' : overrides.deadlineKind;
    return {
      key: `${c.caseId}:${kind}:${deadlineKind ?? 'none'}#1`,
      caseId: c.caseId,
      schoolId: c.schoolId,
      kind,
      roles: ['contact-teacher'],
      step: c.step,
      deadlineKind,
      dueAt: '2026-11-23T14:00:00.000Z',
      requestedAt: '2026-11-23T09:00:00.000Z',
      ...overrides,
    };
  }

  return {
    url,
    dataSource,
    directory,
    caseEvents,
    smtp,
    sender,
    schoolId,
    staff,
    openCase,
    request,
    async close() {
      sender.close();
      await smtp.stop();
      await dataSource.destroy();
    },
  };
}

/** The one item; fails the test when there are none or several. */
export function only<T>(items: readonly T[]): T {
  if (items.length !== 1) throw new Error(`expected exactly one, got ${items.length}`);
  return items[0] as T;
}

export function mailTo(mails: Map<string, CapturedMail>, address: string): CapturedMail {
  const mail = mails.get(address);
  if (!mail) throw new Error(`no email to ${address}; got ${[...mails.keys()].join(', ')}`);
  return mail;
}

/** What must never appear in any email, asserted for each one. */
export function expectNoPersonalData(mail: CapturedMail): void {
  for (const part of [mail.subject, mail.text, mail.html]) {
    expect(part).not.toContain(STUDENT.givenName);
    expect(part).not.toContain(STUDENT.familyName);
    expect(part).not.toContain('vondt i magen');
    expect(part).not.toContain('Kartlegging');
    expect(part).not.toMatch(/\b\d{6}\s?\d{5}\b/);
  }
  // The raw message too (headers, every part), with quoted-printable soft line breaks joined: a break
  // inside a UUID could otherwise leave an 11-digit fragment that looks like an id number.
  const unfolded = mail.raw.replace(/=\r?\n/g, '');
  expect(unfolded).not.toContain(NATIONAL_ID);
  expect(unfolded).not.toMatch(/\b\d{11}\b/);
}
