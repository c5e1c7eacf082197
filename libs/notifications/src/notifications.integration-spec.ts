// The outbox end to end against real PostgreSQL and a real SMTP server. Every person here is made up.
import type { Instant, NotificationRequest, Step } from '@tiltak/domain';
import { CaseEventStore, DirectoryRepository, type StaffMember } from '@tiltak/persistence';
// Test-only import: infra code may not depend on the testing lib, but its specs need it.
// eslint-disable-next-line @nx/enforce-module-boundaries
import type { CapturedMail, TestSmtpServer } from '@tiltak/testing';
import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { MailSender, messageIdForKey, SmtpDeliveryError, type OutgoingMail } from './mail-sender';
import {
  createNotificationActivities,
  type SweepHeartbeat,
  type SweepProgress,
} from './notification.activities';
import { DEFAULT_DELIVERY_LEASE_MS, type NotificationDelivery } from './delivery/notification-delivery';
import { SchoolDigestBuilder } from './digest/school-digest.builder';
import { createNotificationServices } from './notification-services';
import type { NotificationPlanner } from './planning/notification-planner';
import { NotificationContextReader } from '@tiltak/persistence';
import { DeliveryInProgressError, NotificationOutboxStore } from './outbox/notification-outbox.store';
import { caseReference } from './student-reference';
import {
  BASE_URL,
  expectNoPersonalData,
  mailTo,
  only,
  startNotificationScenario,
  type NotificationScenario,
} from './testing/notification-scenario';

describe('Notification planning and delivery with PostgreSQL and SMTP', () => {
  let scenario: NotificationScenario;
  let dataSource: DataSource;
  let directory: DirectoryRepository;
  let caseEvents: CaseEventStore;
  let outbox: NotificationOutboxStore;
  let smtp: TestSmtpServer;
  let sender: MailSender;
  let planner: NotificationPlanner;
  let delivery: NotificationDelivery;
  let now = new Date('2026-11-23T09:00:00.000Z');

  let owner: StaffMember;
  let principal: StaffMember;
  let competenceTeam: StaffMember;
  let ppt: StaffMember;
  let mobileTeam: StaffMember;

  beforeAll(async () => {
    scenario = await startNotificationScenario();
    ({ dataSource, directory, caseEvents, smtp, sender } = scenario);
    ({ owner, principal, competenceTeam, ppt, mobileTeam } = scenario.staff);
    outbox = new NotificationOutboxStore(dataSource);
    ({ planner, delivery } = newServices(dataSource, sender));
  });

  afterAll(async () => {
    await scenario?.close();
  });

  beforeEach(() => smtp.clearFailures());

  function newServices(
    ds: DataSource,
    mail: { send(m: OutgoingMail): Promise<{ messageId: string; response: string }> },
  ) {
    return createNotificationServices({ dataSource: ds, mail, publicBaseUrl: BASE_URL, clock: () => now });
  }

  const openCase = (step?: Step, school?: string, ownerId?: string) =>
    scenario.openCase(step, school, ownerId);
  const request = (
    c: Parameters<NotificationScenario['request']>[0],
    overrides: Partial<NotificationRequest>,
  ) => scenario.request(c, overrides);

  /** What the weekly digest workflow does: plan this week's digests, then send each. */
  async function sendSchoolDigests(at: Date) {
    return delivery.deliverAll(await planner.planSchoolDigests(at));
  }

  /** Plans and delivers; returns what arrived for this request, by recipient address. */
  async function send(req: NotificationRequest): Promise<Map<string, CapturedMail>> {
    const keys = await planner.planDeliveries(req);
    for (const key of keys) await delivery.deliver(key);
    return arrivedFor(keys);
  }

  function arrivedFor(keys: readonly string[]): Map<string, CapturedMail> {
    const ids = new Set(keys.map(messageIdForKey));
    const arrived = smtp.messages.filter((m) => m.messageId !== null && ids.has(m.messageId));
    return new Map(arrived.map((m) => [m.envelopeTo.join(','), m]));
  }

  async function timelineOf(caseId: string) {
    return (await caseEvents.timeline(caseId)).filter((e) => e.origin === 'system');
  }

  async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
    try {
      await promise;
    } catch (error) {
      return error;
    }
    throw new Error('expected a rejection');
  }

  describe('each notice reaches the right people, in Norwegian, with Oslo times', () => {
    it('new case: the case owner hears that step 1 is due today', async () => {
      const c = await openCase(1);
      const mails = await send(
        request(c, {
          kind: 'case-opened',
          requestedAt: '2026-11-23T09:00:00.000Z',
          dueAt: '2026-11-23T14:00:00.000Z',
        }),
      );
      expect([...mails.keys()]).toEqual([owner.email]);
      const mail = mailTo(mails, owner.email);
      expect(mail.subject).toBe('Ny sak om fravær (7B, K.N.): trinn 1 skal gjøres i dag');
      expect(mail.text).toContain('Frist: mandag 23. november 2026 kl. 15.00 (i dag)');
      expect(mail.text).toContain(`${BASE_URL}/cases/${c.caseId}`);
      expect(mail.html).toContain(`href="${BASE_URL}/cases/${c.caseId}"`);
      expect(mail.from).toContain('ikke-svar@tiltakstrappa.test');
    });

    it('reminder sent in winter time for a deadline after the spring change: 15.00, not 14.00', async () => {
      const c = await openCase(2);
      const mails = await send(
        request(c, {
          kind: 'reminder',
          deadlineKind: 'step2-meeting',
          requestedAt: '2026-03-27T13:00:00.000Z',
          dueAt: '2026-03-30T13:00:00.000Z',
        }),
      );
      const mail = mailTo(mails, owner.email);
      expect(mail.subject).toBe(
        'Påminnelse (7B, K.N.): møte med elev og foresatte (trinn 2), frist mandag 30. mars 2026 kl. 15.00',
      );
      expect(mail.text).toContain('Frist: mandag 30. mars 2026 kl. 15.00');
    });

    it('deadline missed across the autumn change: owner and leadership both hear it', async () => {
      const c = await openCase(2);
      const mails = await send(
        request(c, {
          kind: 'deadline-missed',
          deadlineKind: 'step2-meeting',
          roles: ['contact-teacher', 'school-leadership'],
          dueAt: '2026-10-23T13:00:00.000Z',
          requestedAt: '2026-10-26T14:00:00.000Z',
        }),
      );
      expect([...mails.keys()].sort()).toEqual([owner.email, principal.email].sort());
      for (const mail of mails.values()) {
        expect(mail.subject).toBe('Frist passert (7B, K.N.): møte med elev og foresatte (trinn 2)');
        expect(mail.text).toContain('gikk ut fredag 23. oktober 2026 kl. 15.00');
        expect(mail.text).toContain('Varselet går til kontaktlærer og skoleledelsen.');
      }
    });

    it('escalation at step 4 goes to PPT and the mobile team with the case reference only', async () => {
      const c = await openCase(4);
      const mails = await send(
        request(c, {
          kind: 'escalation',
          step: 4,
          deadlineKind: 'step4-meeting',
          roles: ['ppt', 'mobile-team'],
          dueAt: '2026-03-27T14:00:00.000Z',
          requestedAt: '2026-03-31T13:00:00.000Z',
        }),
      );
      expect([...mails.keys()].sort()).toEqual([mobileTeam.email, ppt.email].sort());
      const reference = `sak ${caseReference(c.caseId)}`;
      for (const mail of mails.values()) {
        expect(mail.subject).toBe(
          `Eskalert til PP-tjenesten og Mobilt team (${reference}): tverrfaglig samarbeidsmøte (trinn 4) er forsinket`,
        );
        expect(mail.text).toContain('Trinn: trinn 4: tverrfaglig samarbeid');
        expect(mail.text).toContain('Forsinket siden: fredag 27. mars 2026 kl. 15.00');
        expect(mail.text).toContain('Skole: Fjellvang skole');
        for (const part of [mail.subject, mail.text, mail.html]) {
          // The random reference itself may hold "7B" (it is hex); the class must not appear besides it.
          const besidesReference = part.split(caseReference(c.caseId)).join('');
          expect(besidesReference).not.toContain('7B');
          expect(besidesReference).not.toContain('K.N.');
        }
      }
    });

    it('evaluation due goes to the owner', async () => {
      const c = await openCase(3);
      const mails = await send(
        request(c, {
          kind: 'evaluation-due',
          deadlineKind: 'step3-evaluation',
          dueAt: '2026-06-05T13:00:00.000Z',
          requestedAt: '2026-06-03T13:00:00.000Z',
        }),
      );
      expect(mailTo(mails, owner.email).subject).toBe(
        'Tid for evaluering (7B, K.N.): frist fredag 5. juni 2026',
      );
      expect(mailTo(mails, owner.email).text).toContain('innen fredag 5. juni 2026 kl. 15.00');
    });

    it('referral goes to the competence team at the school', async () => {
      const c = await openCase(3);
      const mails = await send(
        request(c, {
          kind: 'referral',
          deadlineKind: 'step3-meeting',
          roles: ['competence-team'],
          requestedAt: '2026-04-10T09:05:00.000Z',
          dueAt: '2026-04-17T13:00:00.000Z',
        }),
      );
      expect([...mails.keys()]).toEqual([competenceTeam.email]);
      expect(mailTo(mails, competenceTeam.email).subject).toBe('Ny sak til kompetanseteamet (7B, K.N.)');
      expect(mailTo(mails, competenceTeam.email).text).toContain('Meldt: fredag 10. april 2026 kl. 11.05');
    });

    it('records every sent notice in the case timeline: kind, role, time — no address, no body', async () => {
      const c = await openCase(2);
      now = new Date('2026-03-30T08:15:00.000Z');
      await send(request(c, { kind: 'deadline-missed', roles: ['contact-teacher', 'school-leadership'] }));
      const sent = (await timelineOf(c.caseId)).filter((e) => e.type === 'notification-sent');
      expect(sent.map((e) => (e.payload as { recipientRole: string }).recipientRole).sort()).toEqual([
        'contact-teacher',
        'school-leadership',
      ]);
      for (const event of sent) {
        expect(event.occurredAt).toBe('2026-03-30T08:15:00.000Z');
        expect(event.payload).toMatchObject({
          notificationKind: 'deadline-missed',
          afterInterruptedAttempt: false,
        });
        const stored = JSON.stringify(event.payload);
        expect(stored).not.toContain(owner.email);
        expect(stored).not.toContain(principal.email);
        expect(stored).not.toContain('Frist');
      }
    });
  });

  describe('when a role has nobody', () => {
    it('sends to school leadership and records the gap in the timeline', async () => {
      const c = await openCase(4);
      const req = request(c, {
        kind: 'escalation',
        step: 4,
        deadlineKind: 'step4-meeting',
        roles: ['health-nurse'],
      });
      const mails = await send(req);
      expect([...mails.keys()]).toEqual([principal.email]);
      expect(mailTo(mails, principal.email).text).toContain(
        'Du får denne e-posten fordi ingen mottaker er registrert for helsesykepleier ved skolen.',
      );
      const gaps = (await timelineOf(c.caseId)).filter((e) => e.type === 'recipient-gap');
      expect(gaps).toHaveLength(1);
      expect(gaps[0]?.payload).toEqual({
        requestKey: req.key,
        notificationKind: 'escalation',
        missingRole: 'health-nurse',
        fallbackRole: 'school-leadership',
      });

      // Planning again (an activity retry) records the gap once and sends nothing more.
      await planner.planDeliveries(req);
      expect((await timelineOf(c.caseId)).filter((e) => e.type === 'recipient-gap')).toHaveLength(1);
    });
  });

  describe('exactly once', () => {
    it('planning twice gives the same rows', async () => {
      const c = await openCase(2);
      const req = request(c, { kind: 'deadline-missed', roles: ['contact-teacher', 'school-leadership'] });
      const first = await planner.planDeliveries(req);
      const second = await planner.planDeliveries(req);
      expect(second).toEqual(first);
      expect(first.sort()).toEqual([`${req.key}:${owner.id}`, `${req.key}:${principal.id}`].sort());
    });

    it('deliver() twice sends one email and records it once', async () => {
      const c = await openCase(1);
      const key = only(await planner.planDeliveries(request(c, { kind: 'reminder' })));
      expect(await delivery.deliver(key)).toEqual({ outcome: 'sent', messageId: messageIdForKey(key) });
      expect(await delivery.deliver(key)).toEqual({
        outcome: 'already-sent',
        messageId: messageIdForKey(key),
      });
      expect(arrivedFor([key]).size).toBe(1);
      expect(smtp.messages.filter((m) => m.messageId === messageIdForKey(key))).toHaveLength(1);
      expect((await timelineOf(c.caseId)).filter((e) => e.type === 'notification-sent')).toHaveLength(1);
    });

    it('SMTP down: a transient error, then exactly one email once the server is back', async () => {
      const c = await openCase(1);
      const key = only(await planner.planDeliveries(request(c, { kind: 'reminder' })));
      await smtp.stop();
      try {
        for (let attempt = 0; attempt < 3; attempt++) {
          const error = await rejectionOf(delivery.deliver(key));
          expect(error).toBeInstanceOf(SmtpDeliveryError);
          expect((error as SmtpDeliveryError).permanent).toBe(false);
        }
        expect(await outbox.get(key)).toMatchObject({ status: 'pending', attempts: 3 });
      } finally {
        await smtp.start();
      }
      await delivery.deliver(key);
      await delivery.deliver(key);
      expect(smtp.messages.filter((m) => m.messageId === messageIdForKey(key))).toHaveLength(1);
      expect(await outbox.get(key)).toMatchObject({ status: 'sent', attempts: 4, lastError: null });
    });

    it('a 4xx is transient too, and the retry delivers', async () => {
      const c = await openCase(1);
      const key = only(await planner.planDeliveries(request(c, { kind: 'reminder' })));
      smtp.fail({ code: 451, times: 1 });
      expect(((await rejectionOf(delivery.deliver(key))) as SmtpDeliveryError).permanent).toBe(false);
      await delivery.deliver(key);
      expect(arrivedFor([key]).size).toBe(1);
    });

    it('worker killed between the SMTP accept and the outbox mark: at most one duplicate, same Message-ID', async () => {
      const c = await openCase(1);
      const key = only(await planner.planDeliveries(request(c, { kind: 'reminder' })));

      // "Worker A": right after the server accepts the message, the process dies (the promise never
      // settles), before it can mark the row sent.
      let accepted: () => void = () => undefined;
      const acceptedByServer = new Promise<void>((resolve) => (accepted = resolve));
      const dyingTransport = {
        async send(mail: OutgoingMail) {
          await sender.send(mail);
          accepted();
          return new Promise<never>(() => undefined);
        },
      };
      void newServices(dataSource, dyingTransport)
        .delivery.deliver(key)
        .catch(() => undefined);
      await acceptedByServer;
      expect(await outbox.get(key)).toMatchObject({ status: 'sending', attempts: 1 });

      // "Worker B" retries the activity at once: A's claim is still live, so B must wait…
      expect(await rejectionOf(delivery.deliver(key))).toBeInstanceOf(DeliveryInProgressError);
      expect(smtp.messages.filter((m) => m.messageId === messageIdForKey(key))).toHaveLength(1);
      // …and once the lease has run out, B sends again.
      now = new Date(now.getTime() + DEFAULT_DELIVERY_LEASE_MS + 1000);
      expect(await delivery.deliver(key)).toMatchObject({ outcome: 'sent' });
      expect(await delivery.deliver(key)).toMatchObject({ outcome: 'already-sent' });

      const copies = smtp.messages.filter((m) => m.messageId === messageIdForKey(key));
      expect(copies).toHaveLength(2); // the measured duplicate: exactly one extra
      expect(new Set(copies.map((m) => m.messageId)).size).toBe(1);
      const [sent] = (await timelineOf(c.caseId)).filter((e) => e.type === 'notification-sent');
      expect(sent?.payload).toMatchObject({ afterInterruptedAttempt: true, attempts: 2 });
    });

    it('a 5xx marks the notice failed, records it, and tells school leadership', async () => {
      const c = await openCase(2);
      const req = request(c, { kind: 'reminder', deadlineKind: 'step2-meeting' });
      const key = only(await planner.planDeliveries(req));
      smtp.fail({ code: 550, recipient: owner.email, message: 'Mailbox unavailable', times: 1 });
      now = new Date('2026-11-24T07:30:00.000Z');

      const error = await rejectionOf(delivery.deliver(key));
      expect(error).toBeInstanceOf(SmtpDeliveryError);
      expect((error as SmtpDeliveryError).permanent).toBe(true);
      expect(await outbox.get(key)).toMatchObject({ status: 'failed', attempts: 1 });

      const timeline = await timelineOf(c.caseId);
      const failed = timeline.filter((e) => e.type === 'notification-failed');
      expect(failed).toHaveLength(1);
      expect(failed[0]?.payload).toMatchObject({
        notificationKind: 'reminder',
        recipientRole: 'contact-teacher',
        smtpCode: 550,
        surfacedTo: 'school-leadership',
      });

      const toLeadership = smtp
        .messagesTo(principal.email)
        .filter((m) => m.subject.startsWith('Varsel ikke levert'));
      expect(toLeadership.map((m) => m.subject)).toContain(
        'Varsel ikke levert (7B, K.N.): påminnelse om frist til kontaktlærer',
      );
      const notice = toLeadership.find((m) => m.text.includes(c.caseId));
      expect(notice?.text).toContain('Tidspunkt: tirsdag 24. november 2026 kl. 08.30');
      expect(notice?.text).toContain('Svar fra e-postserveren: kode 550');
      expect(notice?.text).not.toContain(owner.email);

      // Again (a retry after a crash): the same permanent answer, nothing sent twice.
      const before = smtp.messages.length;
      expect(((await rejectionOf(delivery.deliver(key))) as SmtpDeliveryError).permanent).toBe(true);
      expect(smtp.messages.length).toBe(before);
      expect((await timelineOf(c.caseId)).filter((e) => e.type === 'notification-failed')).toHaveLength(1);
    });
  });

  describe('as Temporal activities', () => {
    it('a 5xx becomes a non-retryable PermanentSmtpFailure without the address in its message', async () => {
      const activities = createNotificationActivities({ planner, delivery });
      const c = await openCase(1);
      const { outboxKeys } = await activities.planNotificationDeliveries({
        request: request(c, { kind: 'reminder' }),
      });
      smtp.fail({ code: 554, recipient: owner.email, times: 1 });
      const failure = await rejectionOf(activities.deliverNotification({ outboxKey: only(outboxKeys) }));
      expect(failure).toBeInstanceOf(ApplicationFailure);
      expect(failure).toMatchObject({ type: 'PermanentSmtpFailure', nonRetryable: true });
      expect((failure as Error).message).not.toContain('@');
    });

    it('a transient failure stays retryable', async () => {
      const activities = createNotificationActivities({ planner, delivery });
      const c = await openCase(1);
      const { outboxKeys } = await activities.planNotificationDeliveries({
        request: request(c, { kind: 'reminder' }),
      });
      smtp.fail({ code: 421, times: 1 });
      const failure = await rejectionOf(activities.deliverNotification({ outboxKey: only(outboxKeys) }));
      expect(failure).toMatchObject({ type: 'TransientSmtpFailure', nonRetryable: false });
      await activities.deliverNotification({ outboxKey: only(outboxKeys) });
      expect(arrivedFor(outboxKeys).size).toBe(1);
    });
  });

  describe('the sweep', () => {
    /** Rows planned now and left unsent; the sweep takes rows older than 10 minutes. */
    async function unsentRows(count: number): Promise<string[]> {
      const keys: string[] = [];
      for (let i = 0; i < count; i += 1) {
        const c = await openCase(1);
        keys.push(only(await planner.planDeliveries(request(c, { kind: 'reminder' }))));
      }
      now = new Date(now.getTime() + 11 * 60_000);
      return keys;
    }

    /** Emails that arrived for these rows (all to the same teacher, so counted by Message-ID). */
    const arrivedCount = (keys: readonly string[]) =>
      smtp.messages.filter((m) => m.messageId !== null && keys.map(messageIdForKey).includes(m.messageId))
        .length;

    function recordingHeartbeat(resumeFrom?: SweepProgress) {
      const beats: SweepProgress[] = [];
      const heartbeat: SweepHeartbeat = {
        resumeFrom: () => resumeFrom,
        beat: (progress) => beats.push({ keys: [...progress.keys], next: progress.next }),
      };
      return { beats, heartbeat };
    }

    it('reports its progress after every row', async () => {
      const keys = await unsentRows(3);
      const { beats, heartbeat } = recordingHeartbeat();
      const activities = createNotificationActivities({ planner, delivery, heartbeat });
      await activities.deliverUnsentNotifications({ olderThanSeconds: 600, limit: 200 });
      // Rows other specs here left unsent may be in the batch too; ours are, and each was reported.
      const batch = beats[0]?.keys ?? [];
      expect(batch).toEqual(expect.arrayContaining(keys));
      expect(beats.map((b) => b.next)).toEqual(batch.map((_, i) => i).concat(batch.length));
      expect(arrivedCount(keys)).toBe(3);
    });

    it('a retry goes on from where the timed-out attempt stopped, not from the first row', async () => {
      const keys = await unsentRows(3);
      // The previous attempt hung on the second row (still leased to it) after sending nothing.
      const { beats, heartbeat } = recordingHeartbeat({ keys, next: 2 });
      const activities = createNotificationActivities({ planner, delivery, heartbeat });
      const result = await activities.deliverUnsentNotifications({ olderThanSeconds: 600, limit: 200 });
      expect(result).toEqual({ sent: 1, failed: 0, pending: 0 });
      expect(beats.map((b) => b.next)).toEqual([2, 3]);
      expect(arrivedCount(keys)).toBe(1);
      expect(arrivedCount([keys[2]!])).toBe(1);
    });

    it('ignores progress it cannot trust and takes a fresh batch', async () => {
      const keys = await unsentRows(1);
      const { heartbeat } = recordingHeartbeat({ keys: [keys[0]!], next: 7 });
      const activities = createNotificationActivities({ planner, delivery, heartbeat });
      const result = await activities.deliverUnsentNotifications({ olderThanSeconds: 600, limit: 200 });
      expect(result.sent).toBeGreaterThanOrEqual(1);
      expect(arrivedCount(keys)).toBe(1);
    });
  });

  describe('weekly digest', () => {
    it('gives each school leadership its overview once per week', async () => {
      const bjorkly = (
        await directory.upsertSchool({ name: 'Bjørkly skole', municipality: 'Testvik kommune' })
      ).id;
      const teacher = await directory.upsertStaff({
        displayName: 'Åse Brekke',
        email: 'ase.brekke@bjorkly.test',
        role: 'contact-teacher',
        schoolId: bjorkly,
      });
      const leader = await directory.upsertStaff({
        displayName: 'Tor Hegge',
        email: 'rektor@bjorkly.test',
        role: 'school-leadership',
        schoolId: bjorkly,
      });
      const overdue = await openCase(2, bjorkly, teacher.id);
      await caseEvents.append({
        state: {
          ...overdue,
          eventCount: 3,
          deadlines: [deadline('step2-meeting', 2, '2026-03-27T14:00:00.000Z')],
        },
        events: [],
      });
      const upcoming = await openCase(3, bjorkly, teacher.id);
      await caseEvents.append({
        state: {
          ...upcoming,
          eventCount: 3,
          deadlines: [deadline('step3-evaluation', 3, '2026-04-02T13:00:00.000Z')],
        },
        events: [],
      });

      now = new Date('2026-03-30T05:00:00.000Z');
      const summary = await new SchoolDigestBuilder(new NotificationContextReader(dataSource)).build(
        bjorkly,
        now,
      );
      expect(summary.openByStep).toEqual({ 1: 0, 2: 1, 3: 1, 4: 0 });

      const run = await sendSchoolDigests(now);
      expect(run.failed).toBe(0);
      const digests = smtp.messagesTo(leader.email).filter((m) => m.subject.startsWith('Ukeoversikt'));
      expect(digests).toHaveLength(1);
      const [digest] = digests;
      expect(digest?.subject).toBe('Ukeoversikt uke 14, 2026: bekymringsfullt fravær ved Bjørkly skole');
      expect(digest?.text).toContain('Åpne saker: 2');
      expect(digest?.text).toContain(
        '- 7B, K.N.: møte med elev og foresatte (trinn 2), fristen gikk ut fredag 27. mars 2026 kl. 15.00',
      );
      expect(digest?.text).toContain(
        '- 7B, K.N.: evaluering av tiltakene (trinn 3), frist torsdag 2. april 2026 kl. 15.00',
      );
      expect(smtp.messagesTo(principal.email).some((m) => m.subject.includes('Fjellvang skole'))).toBe(true);

      // Later the same week: nothing new. The next week: a new one.
      now = new Date('2026-04-02T05:00:00.000Z');
      await sendSchoolDigests(now);
      expect(smtp.messagesTo(leader.email).filter((m) => m.subject.startsWith('Ukeoversikt'))).toHaveLength(
        1,
      );
      now = new Date('2026-04-06T05:00:00.000Z');
      await sendSchoolDigests(now);
      expect(smtp.messagesTo(leader.email).filter((m) => m.subject.startsWith('Ukeoversikt'))).toHaveLength(
        2,
      );
    });
  });

  // Last on purpose: looks at every email this file caused.
  it('no email carries the student name, notes, mapping answers or a national id number', () => {
    expect(smtp.messages.length).toBeGreaterThan(15);
    for (const mail of smtp.messages) expectNoPersonalData(mail);
  });
});

function deadline(kind: 'step2-meeting' | 'step3-evaluation', step: Step, dueAt: Instant) {
  return { id: `${kind}#1`, kind, step, dueAt, remindAt: dueAt, escalateAt: dueAt, status: 'open' as const };
}
