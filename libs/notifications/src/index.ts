// The public API of @tiltak/notifications: templates (Norwegian bokmål), the SMTP sender, the outbox
// planner, the delivery and the Temporal activities built on them.
export {
  MailSender,
  SmtpDeliveryError,
  classifySmtpError,
  messageIdForKey,
  parseSmtpUrl,
} from './mail-sender';
export type { MailSenderConfig, MailSenderOptions, OutgoingMail, SentMail } from './mail-sender';

export { createNotificationServices } from './notification-services';
export type { NotificationServices, NotificationServicesDeps } from './notification-services';
export { NotificationPlanner, assertNotificationRequest } from './planning/notification-planner';
export type { NotificationPlannerDeps } from './planning/notification-planner';
export {
  DEFAULT_DELIVERY_LEASE_MS,
  NotificationDelivery,
  OutboxKeyNotFoundError,
} from './delivery/notification-delivery';
export type {
  DeliveryCounts,
  DeliveryResult,
  NotificationDeliveryDeps,
} from './delivery/notification-delivery';
export { DeliveryFailureNotice } from './delivery/delivery-failure-notice';
export { NoticeRenderer } from './delivery/notice-renderer';
export type {
  CaseTimeline,
  Clock,
  MailTransport,
  NotificationLogger,
  TimelineEvent,
} from './notification-ports';

export {
  createNotificationActivities,
  toActivityFailure,
  PERMANENT_SMTP_FAILURE,
  TRANSIENT_SMTP_FAILURE,
  DELIVERY_IN_PROGRESS,
  UNKNOWN_OUTBOX_KEY,
} from './notification.activities';
export type {
  NotificationActivityDeps,
  NotificationScheduleActivities,
  SweepHeartbeat,
  SweepProgress,
} from './notification.activities';

export { NotificationOutboxStore, DeliveryInProgressError } from './outbox/notification-outbox.store';
export { OUTBOX_STATUSES, outboxKey } from './outbox/notification-outbox.types';
export type {
  NewOutboxEntry,
  OutboxEntry,
  OutboxKind,
  OutboxPayload,
  OutboxStatus,
} from './outbox/notification-outbox.types';

export { RecipientResolver } from './recipients/recipient.resolver';
export type {
  CaseOwnerLookup,
  DirectoryStaff,
  Recipient,
  RecipientGap,
  ResolvedRecipients,
  StaffDirectory,
} from './recipients/recipient.resolver';
export { NotificationContextReader } from '@tiltak/persistence';
export type { DigestCaseRow } from '@tiltak/persistence';

export {
  SchoolDigestBuilder,
  summariseSchoolCases,
  DIGEST_UPCOMING_DAYS,
} from './digest/school-digest.builder';

export {
  caseReference,
  recipientScopeForRole,
  studentInitials,
  studentMention,
  studentReference,
} from './student-reference';
export type { RecipientScope, StudentForReference, StudentMention } from './student-reference';

export { deadlineKindName, norwegianList, roleListName, roleName, stepName } from './norwegian-names';
export {
  formatLocalDate,
  formatOsloDate,
  formatOsloDateTime,
  formatOsloTime,
  isSameOsloDate,
  isoWeekKey,
} from './oslo-format';

export { caseLink, renderCaseNotice } from './templates/case-notice.template';
export type { CaseNoticeInput, CaseNoticeKind } from './templates/case-notice.template';
export { noticeKindName, renderDeliveryFailed } from './templates/delivery-failed.template';
export type { DeliveryFailedInput } from './templates/delivery-failed.template';
export { DIGEST_LIST_LIMIT, renderSchoolDigest } from './templates/school-digest.template';
export type { DigestDeadlineItem, SchoolDigestSummary } from './templates/school-digest.template';
export { escapeHtml, renderEmail } from './templates/email-layout';
export type { EmailBlock, ListItem, RenderedEmail } from './templates/email-layout';
