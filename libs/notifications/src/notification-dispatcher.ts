// Turns the workflow's notice requests into emails, each exactly once as far as SMTP allows.
//
// planDeliveries() resolves recipients and writes one outbox row per person (idempotent by key);
// deliver() sends one row. The guarantees:
// - A row is sent by one attempt at a time: an attempt claims it ('sending', attempts + 1) for a lease
//   (deliveryLeaseMs); another attempt meanwhile gets DeliveryInProgressError and retries later. No
//   database connection is held while SMTP talks, so deliveries never starve each other of the pool.
// - A row marked 'sent' is never sent again; deliver() on it only makes sure the timeline has it.
// - The remaining window: the server accepted the message (250) and the worker died, or lost the
//   database, before the 'sent' mark. Once the lease has run out, the retry finds the row 'sending'
//   and sends it once more: at most one duplicate per crash, carrying the same Message-ID (derived
//   from the key), so mail clients and the test suite can recognise it. The timeline's
//   'notification-sent' event records `afterInterruptedAttempt: true` for such a send. Closing the
//   window would need the SMTP server to deduplicate by Message-ID, which ordinary servers do not do.
//   (A socket timeout after the message was handed over is the same window in another guise: the
//   row goes back to 'pending' and the retry may duplicate, with the same Message-ID.)
import { STAFF_ROLES, STEPS, type Instant, type Step } from '@tiltak/domain';
import { CaseEventStore, DirectoryRepository, NotificationRequestStore } from '@tiltak/persistence';
import type { NotificationRequest } from '@tiltak/workflows';
import type { DataSource } from 'typeorm';
import { SchoolDigestBuilder } from './digest/school-digest.builder';
import { classifySmtpError, SmtpDeliveryError, type MailSender } from './mail-sender';
import { DeliveryInProgressError, NotificationOutboxStore } from './outbox/notification-outbox.store';
import {
  outboxKey,
  type NewOutboxEntry,
  type OutboxEntry,
  type OutboxPayload,
} from './outbox/notification-outbox.types';
import { isoWeekKey } from './oslo-format';
import { NotificationContextReader } from './recipients/notification-context.reader';
import { RecipientResolver, type StaffDirectory } from './recipients/recipient.resolver';
import { recipientScopeForRole, studentMention } from './student-reference';
import { renderCaseNotice, type CaseNoticeKind } from './templates/case-notice.template';
import { renderDeliveryFailed } from './templates/delivery-failed.template';
import type { RenderedEmail } from './templates/email-layout';
import { renderSchoolDigest, type SchoolDigestSummary } from './templates/school-digest.template';

/** The send half of MailSender; tests may wrap it. */
export type MailTransport = Pick<MailSender, 'send'>;

/** The timeline half of CaseEventStore (@tiltak/persistence). */
export interface CaseTimeline {
  appendSystemEvents(caseId: string, events: TimelineEvent[]): Promise<number>;
}

/** A system event recorded outside the workflow: no personal data in the payload. */
export interface TimelineEvent {
  eventId: string;
  type: 'notification-sent' | 'notification-failed' | 'recipient-gap';
  step: Step;
  occurredAt: Instant;
  payload: Record<string, unknown>;
}

export interface NotificationLogger {
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
}

export interface NotificationDispatcherDeps {
  dataSource: DataSource;
  mail: MailTransport;
  config: { publicBaseUrl: string };
  /** Defaults to the system clock. */
  clock?: () => Date;
  logger?: NotificationLogger;
  /** Defaults to DirectoryRepository on the data source. */
  directory?: StaffDirectory;
  /** Defaults to CaseEventStore on the data source. */
  timeline?: CaseTimeline;
  /**
   * How long an unfinished attempt keeps its row before another may take over (default 2 minutes).
   * Longer than any send can take (the sender's timeouts), so a live attempt is never doubled.
   */
  deliveryLeaseMs?: number;
}

export interface DeliveryResult {
  outcome: 'sent' | 'already-sent';
  messageId: string;
}

export interface DigestRunResult {
  outboxKeys: string[];
  sent: number;
  failed: number;
  /** Still unsent after a transient failure; a later run or deliverUnsent() picks them up. */
  pending: number;
}

/** deliver() was given a key that was never planned: a bug, not a delivery problem. */
export class OutboxKeyNotFoundError extends Error {
  constructor(readonly outboxKey: string) {
    super(`No notification with outbox key ${outboxKey}`);
    this.name = 'OutboxKeyNotFoundError';
  }
}

const CASE_NOTICE_KINDS: readonly CaseNoticeKind[] = [
  'case-opened',
  'reminder',
  'deadline-missed',
  'escalation',
  'evaluation-due',
  'referral',
];

export const DEFAULT_DELIVERY_LEASE_MS = 2 * 60_000;

const NO_LOG: NotificationLogger = { info: () => undefined, warn: () => undefined };

export class NotificationDispatcher {
  private readonly outbox: NotificationOutboxStore;
  private readonly context: NotificationContextReader;
  private readonly resolver: RecipientResolver;
  private readonly digests: SchoolDigestBuilder;
  private readonly timeline: CaseTimeline;
  private readonly requests: NotificationRequestStore;
  private readonly mail: MailTransport;
  private readonly now: () => Date;
  private readonly log: NotificationLogger;
  private readonly publicBaseUrl: string;
  private readonly deliveryLeaseMs: number;

  constructor(deps: NotificationDispatcherDeps) {
    this.outbox = new NotificationOutboxStore(deps.dataSource);
    this.context = new NotificationContextReader(deps.dataSource);
    this.resolver = new RecipientResolver(
      deps.directory ?? new DirectoryRepository(deps.dataSource),
      this.context,
    );
    this.digests = new SchoolDigestBuilder(this.context);
    this.timeline = deps.timeline ?? new CaseEventStore(deps.dataSource);
    this.requests = new NotificationRequestStore(deps.dataSource);
    this.mail = deps.mail;
    this.now = deps.clock ?? (() => new Date());
    this.log = deps.logger ?? NO_LOG;
    this.publicBaseUrl = deps.config.publicBaseUrl;
    this.deliveryLeaseMs = deps.deliveryLeaseMs ?? DEFAULT_DELIVERY_LEASE_MS;
  }

  /**
   * Resolves the request's recipients now and writes one outbox row each; returns the rows' keys.
   * Idempotent: a request planned before returns the keys planned then, without asking the directory
   * again. A role nobody holds goes to school leadership and a `recipient-gap` event is recorded.
   */
  async planDeliveries(request: NotificationRequest): Promise<string[]> {
    assertNotificationRequest(request);
    const existing = await this.outbox.keysForRequest(request.key);
    if (existing.length > 0) return existing;

    // Resolved outside the inserting transaction, which then holds one connection only briefly.
    const { recipients, gaps } = await this.resolver.resolve(request);
    const now = this.now();
    if (gaps.length > 0) {
      await this.timeline.appendSystemEvents(
        request.caseId,
        gaps.map((gap) => ({
          eventId: `${request.key}:recipient-gap:${gap.missingRole}`,
          type: 'recipient-gap',
          step: request.step,
          occurredAt: now.toISOString(),
          payload: {
            requestKey: request.key,
            notificationKind: request.kind,
            missingRole: gap.missingRole,
            fallbackRole: gap.fallbackRole,
          },
        })),
      );
      for (const gap of gaps) {
        this.log.warn('Nobody holds a role a notice is for', {
          requestKey: request.key,
          missingRole: gap.missingRole,
          fallbackRole: gap.fallbackRole,
        });
      }
    }

    const entries: NewOutboxEntry[] = recipients.map((recipient) => ({
      key: outboxKey(request.key, recipient.staffId),
      requestKey: request.key,
      caseId: request.caseId,
      schoolId: request.schoolId,
      kind: request.kind,
      recipientStaffId: recipient.staffId,
      recipientEmail: recipient.email,
      recipientRole: recipient.role,
      payload: {
        type: 'case-notice',
        step: request.step,
        deadlineKind: request.deadlineKind,
        dueAt: request.dueAt,
        requestedAt: request.requestedAt,
        notifiedRoles: [...new Set(request.roles)],
        fallbackFor: recipient.fallbackFor,
      },
    }));
    // The persistence side's record of the request (when the workflow wrote one) is marked in the same
    // transaction as the rows.
    return this.outbox.insertOnce(request.key, entries, now, (manager) =>
      this.requests.markDispatched([request.key], manager),
    );
  }

  /**
   * Sends one outbox row, exactly once (see the file comment for the one duplicate window).
   * - already sent: does nothing but make sure the timeline shows it;
   * - accepted: marks it sent and records `notification-sent` (kind, role, time; no body, no address);
   * - refused for good (5xx): marks it failed, records `notification-failed`, tells school leadership,
   *   and throws SmtpDeliveryError with `permanent: true` (again on every later call);
   * - anything transient (4xx, server away, timeout): throws SmtpDeliveryError with `permanent: false`,
   *   for the caller (Temporal) to retry with backoff.
   */
  async deliver(key: string): Promise<DeliveryResult> {
    const entry = await this.outbox.get(key);
    if (!entry) throw new OutboxKeyNotFoundError(key);
    const finished = await this.settled(entry);
    if (finished) return finished;

    // Rendered before the attempt counts: a template problem is not a delivery attempt.
    const email = await this.render(entry);
    const now = this.now();
    const claim = await this.outbox.claim(key, now, new Date(now.getTime() - this.deliveryLeaseMs));
    if (!claim) {
      const current = await this.outbox.get(key);
      const settled = current ? await this.settled(current) : null;
      if (settled) return settled;
      throw new DeliveryInProgressError(key);
    }
    if (claim.afterInterruptedAttempt) {
      this.log.warn('Sending again after an attempt that did not finish: a duplicate is possible', {
        outboxKey: key,
        messageId: entry.messageId,
      });
    }

    try {
      await this.mail.send({ key, to: entry.recipientEmail, ...email });
    } catch (caught) {
      const error = classifySmtpError(caught);
      if (!error.permanent) {
        await this.outbox.markPending(key, claim.attempt, error.message, this.now());
        throw error;
      }
      await this.outbox.markFailed(key, claim.attempt, error.message, this.now());
      await this.afterPermanentFailure(entry, error);
      throw error;
    }
    // The duplicate window: a crash from here until the mark below leaves the row 'sending'.
    const sentAt = this.now();
    await this.outbox.markSent(key, sentAt);
    await this.recordSent(entry, sentAt.toISOString(), claim.attempt, claim.afterInterruptedAttempt);
    return { outcome: 'sent', messageId: entry.messageId };
  }

  /** The weekly overview of a school's open cases, as of `now`. */
  async buildSchoolDigest(schoolId: string, now: Date): Promise<SchoolDigestSummary> {
    return this.digests.build(schoolId, now);
  }

  /**
   * Plans this ISO week's digest for every school's leadership; returns the outbox keys. Idempotent per
   * school and week: a second run in the same week returns the first run's keys and builds nothing.
   */
  async planSchoolDigests(now: Date): Promise<string[]> {
    const weekKey = isoWeekKey(now.toISOString());
    const keys: string[] = [];
    for (const schoolId of await this.context.schoolIds()) {
      keys.push(...(await this.planSchoolDigest(schoolId, weekKey, now)));
    }
    return keys;
  }

  /** Plans and sends this week's digests. Throws a transient error when some are still unsent. */
  async sendSchoolDigests(now: Date): Promise<DigestRunResult> {
    const outboxKeys = await this.planSchoolDigests(now);
    const result = await this.deliverAll(outboxKeys);
    if (result.pending > 0) {
      throw new SmtpDeliveryError(
        `SMTP transient failure: ${result.pending} digest(s) not yet sent`,
        false,
        null,
        null,
      );
    }
    return { outboxKeys, ...result };
  }

  /**
   * Sends rows left unsent for longer than `olderThanMs`: leadership notices about failed deliveries
   * whose inline send hit a transient error, and rows whose workflow gave up. Safe to run any time.
   */
  async deliverUnsent(options: { olderThanMs: number; limit?: number }): Promise<DigestRunResult> {
    const before = new Date(this.now().getTime() - options.olderThanMs);
    const outboxKeys = await this.outbox.unsentKeys(before, options.limit ?? 100);
    return { outboxKeys, ...(await this.deliverAll(outboxKeys)) };
  }

  // ---- internals -----------------------------------------------------------------------------------

  /** For a row that is done: makes sure its consequences are recorded, then answers as the first time. */
  private async settled(entry: OutboxEntry): Promise<DeliveryResult | null> {
    if (entry.status === 'sent') {
      await this.recordSent(entry, entry.sentAt ?? this.now().toISOString(), entry.attempts, false);
      return { outcome: 'already-sent', messageId: entry.messageId };
    }
    if (entry.status === 'failed') {
      const error = new SmtpDeliveryError(
        entry.lastError ?? 'SMTP permanent failure',
        true,
        smtpCodeOf(entry.lastError),
        null,
      );
      await this.afterPermanentFailure(entry, error);
      throw error;
    }
    return null;
  }

  private async planSchoolDigest(schoolId: string, weekKey: string, now: Date): Promise<string[]> {
    const requestKey = `digest:${schoolId}:${weekKey}`;
    const existing = await this.outbox.keysForRequest(requestKey);
    if (existing.length > 0) return existing;
    const { recipients } = await this.resolver.resolve({
      caseId: null,
      schoolId,
      roles: ['school-leadership'],
    });
    if (recipients.length === 0) {
      this.log.warn('No school leadership to send the weekly digest to', { schoolId, weekKey });
      return [];
    }
    const summary = await this.digests.build(schoolId, now);
    return this.outbox.insertOnce(
      requestKey,
      recipients.map((leader) => ({
        key: outboxKey(requestKey, leader.staffId),
        requestKey,
        caseId: null,
        schoolId,
        kind: 'school-digest',
        recipientStaffId: leader.staffId,
        recipientEmail: leader.email,
        recipientRole: leader.role,
        payload: { type: 'school-digest', summary },
      })),
      now,
    );
  }

  private async deliverAll(keys: readonly string[]): Promise<Omit<DigestRunResult, 'outboxKeys'>> {
    let sent = 0;
    let failed = 0;
    let pending = 0;
    for (const key of keys) {
      try {
        await this.deliver(key);
        sent += 1;
      } catch (error) {
        if (error instanceof SmtpDeliveryError && error.permanent) failed += 1;
        else pending += 1;
      }
    }
    return { sent, failed, pending };
  }

  private async render(entry: OutboxEntry): Promise<RenderedEmail> {
    const payload = entry.payload;
    switch (payload.type) {
      case 'case-notice': {
        const caseId = requireCaseId(entry);
        return renderCaseNotice({
          kind: entry.kind as CaseNoticeKind,
          caseId,
          step: payload.step,
          deadlineKind: payload.deadlineKind,
          dueAt: payload.dueAt,
          requestedAt: payload.requestedAt,
          student: studentMention(
            recipientScopeForRole(entry.recipientRole),
            await this.context.studentForCase(caseId),
          ),
          recipientRole: entry.recipientRole,
          notifiedRoles: payload.notifiedRoles,
          fallbackFor: payload.fallbackFor,
          schoolName: await this.context.schoolName(entry.schoolId),
          publicBaseUrl: this.publicBaseUrl,
        });
      }
      case 'delivery-failed':
        return renderDeliveryFailed({
          caseId: entry.caseId,
          failedKind: payload.failedKind,
          failedRecipientRole: payload.failedRecipientRole,
          failedAt: payload.failedAt,
          smtpCode: payload.smtpCode,
          student: entry.caseId
            ? studentMention(
                recipientScopeForRole(entry.recipientRole),
                await this.context.studentForCase(entry.caseId),
              )
            : null,
          schoolName: await this.context.schoolName(entry.schoolId),
          publicBaseUrl: this.publicBaseUrl,
        });
      case 'school-digest':
        return renderSchoolDigest(payload.summary, { publicBaseUrl: this.publicBaseUrl });
    }
  }

  private async recordSent(
    entry: OutboxEntry,
    sentAt: Instant,
    attempts: number,
    afterInterruptedAttempt: boolean,
  ) {
    const step = stepOf(entry.payload);
    if (!entry.caseId || step === null) return;
    await this.timeline.appendSystemEvents(entry.caseId, [
      {
        eventId: `${entry.key}:sent`,
        type: 'notification-sent',
        step,
        occurredAt: sentAt,
        payload: {
          requestKey: entry.requestKey,
          notificationKind: entry.kind,
          recipientRole: entry.recipientRole,
          recipientStaffId: entry.recipientStaffId,
          fallbackFor: entry.payload.type === 'case-notice' ? entry.payload.fallbackFor : [],
          messageId: entry.messageId,
          attempts,
          afterInterruptedAttempt,
        },
      },
    ]);
  }

  /** Records the failure in the timeline and tells school leadership; every step is idempotent. */
  private async afterPermanentFailure(entry: OutboxEntry, error: SmtpDeliveryError): Promise<void> {
    const now = this.now();
    const step = stepOf(entry.payload);
    // A failed notice about a failed notice is not surfaced again: that could only loop.
    const failedKind = entry.kind === 'delivery-failed' ? null : entry.kind;
    const surface = failedKind !== null;
    if (entry.caseId && step !== null) {
      await this.timeline.appendSystemEvents(entry.caseId, [
        {
          eventId: `${entry.key}:failed`,
          type: 'notification-failed',
          step,
          occurredAt: now.toISOString(),
          payload: {
            requestKey: entry.requestKey,
            notificationKind: entry.kind,
            recipientRole: entry.recipientRole,
            recipientStaffId: entry.recipientStaffId,
            smtpCode: error.smtpCode,
            surfacedTo: surface ? 'school-leadership' : null,
          },
        },
      ]);
    }
    this.log.warn('A notice was refused for good by the SMTP server', {
      outboxKey: entry.key,
      smtpCode: error.smtpCode,
    });
    if (failedKind === null) return;

    const requestKey = `${entry.key}:failed`;
    let keys = await this.outbox.keysForRequest(requestKey);
    if (keys.length === 0) {
      const { recipients } = await this.resolver.resolve({
        caseId: entry.caseId,
        schoolId: entry.schoolId,
        roles: ['school-leadership'],
      });
      const failedAddress = entry.recipientEmail.trim().toLowerCase();
      const payload: OutboxPayload = {
        type: 'delivery-failed',
        step,
        failedOutboxKey: entry.key,
        failedKind,
        failedRecipientRole: entry.recipientRole,
        failedAt: now.toISOString(),
        smtpCode: error.smtpCode,
      };
      keys = await this.outbox.insertOnce(
        requestKey,
        recipients
          .filter((leader) => leader.email.trim().toLowerCase() !== failedAddress)
          .map((leader) => ({
            key: outboxKey(requestKey, leader.staffId),
            requestKey,
            caseId: entry.caseId,
            schoolId: entry.schoolId,
            kind: 'delivery-failed',
            recipientStaffId: leader.staffId,
            recipientEmail: leader.email,
            recipientRole: leader.role,
            payload,
          })),
        now,
      );
    }
    if (keys.length === 0) {
      this.log.warn('No school leadership to tell about a failed notice', { outboxKey: entry.key });
    }
    // Sent right away; one that hits a transient error stays pending for deliverUnsent().
    for (const key of keys) {
      try {
        await this.deliver(key);
      } catch (caught) {
        this.log.warn('Could not yet tell leadership about a failed notice', {
          outboxKey: key,
          error: caught instanceof Error ? caught.name : 'unknown',
        });
      }
    }
  }
}

function stepOf(payload: OutboxPayload): Step | null {
  switch (payload.type) {
    case 'case-notice':
      return payload.step;
    case 'delivery-failed':
      return payload.step;
    case 'school-digest':
      return null;
  }
}

function requireCaseId(entry: OutboxEntry): string {
  if (!entry.caseId) throw new Error(`Outbox row ${entry.key} is a case notice without a case`);
  return entry.caseId;
}

function smtpCodeOf(lastError: string | null): number | null {
  const match = /SMTP permanent failure (\d{3})/.exec(lastError ?? '');
  return match ? Number(match[1]) : null;
}

/** Refuses a request no workflow should send; the message names the field. */
export function assertNotificationRequest(request: NotificationRequest): void {
  const problems: string[] = [];
  if (!request.key?.trim()) problems.push('key is empty');
  if (!request.caseId?.trim()) problems.push('caseId is empty');
  if (!request.schoolId?.trim()) problems.push('schoolId is empty');
  if (!CASE_NOTICE_KINDS.includes(request.kind)) problems.push(`kind "${String(request.kind)}" is unknown`);
  if (!(STEPS as readonly number[]).includes(request.step))
    problems.push(`step ${String(request.step)} is not 1–4`);
  if (!Array.isArray(request.roles) || request.roles.length === 0) problems.push('roles is empty');
  else if (request.roles.some((r) => !(STAFF_ROLES as readonly string[]).includes(r)))
    problems.push('roles holds an unknown role');
  if (problems.length > 0) throw new Error(`Invalid notification request: ${problems.join('; ')}`);
}
