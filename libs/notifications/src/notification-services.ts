// The composition root of notifications: builds the PostgreSQL-backed stores once and hands each class
// exactly the collaborators it uses. The worker and the integration specs both build through this, so
// the specs test the wiring production runs.
import { CaseEventStore, DirectoryRepository } from '@tiltak/persistence';
import type { DataSource } from 'typeorm';
import { DeliveryFailureNotice } from './delivery/delivery-failure-notice';
import { NoticeRenderer } from './delivery/notice-renderer';
import { DEFAULT_DELIVERY_LEASE_MS, NotificationDelivery } from './delivery/notification-delivery';
import { SchoolDigestBuilder } from './digest/school-digest.builder';
import {
  NO_LOG,
  SYSTEM_CLOCK,
  type CaseTimeline,
  type Clock,
  type MailTransport,
  type NotificationLogger,
} from './notification-ports';
import { NotificationOutboxStore } from './outbox/notification-outbox.store';
import { NotificationPlanner } from './planning/notification-planner';
import { NotificationContextReader } from '@tiltak/persistence';
import { RecipientResolver, type StaffDirectory } from './recipients/recipient.resolver';

export interface NotificationServices {
  planner: NotificationPlanner;
  delivery: NotificationDelivery;
}

export interface NotificationServicesDeps {
  dataSource: DataSource;
  mail: MailTransport;
  publicBaseUrl: string;
  clock?: Clock;
  logger?: NotificationLogger;
  /** Defaults to DirectoryRepository on the data source. */
  directory?: StaffDirectory;
  /** Defaults to CaseEventStore on the data source. */
  timeline?: CaseTimeline;
  deliveryLeaseMs?: number;
}

export function createNotificationServices(deps: NotificationServicesDeps): NotificationServices {
  const clock = deps.clock ?? SYSTEM_CLOCK;
  const log = deps.logger ?? NO_LOG;
  const outbox = new NotificationOutboxStore(deps.dataSource);
  const context = new NotificationContextReader(deps.dataSource);
  const resolver = new RecipientResolver(deps.directory ?? new DirectoryRepository(deps.dataSource), context);
  const timeline = deps.timeline ?? new CaseEventStore(deps.dataSource);
  const planner = new NotificationPlanner({
    outbox,
    resolver,
    digests: new SchoolDigestBuilder(context),
    schools: context,
    timeline,
    clock,
    log,
  });
  const delivery = new NotificationDelivery({
    outbox,
    mail: deps.mail,
    renderer: new NoticeRenderer(context, deps.publicBaseUrl),
    timeline,
    failureNotice: new DeliveryFailureNotice({ outbox, resolver, timeline, clock, log }),
    clock,
    log,
    leaseMs: deps.deliveryLeaseMs ?? DEFAULT_DELIVERY_LEASE_MS,
  });
  return { planner, delivery };
}
