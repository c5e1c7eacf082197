// Every activity the worker registers, built from its real dependencies. main.ts and the integration
// tests both use this, so tests run the wiring production runs.
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@tiltak/config';
import { CaseEventStore, DirectoryRepository, NotificationRequestStore } from '@tiltak/persistence';
import {
  MailSender,
  NotificationDispatcher,
  createNotificationActivities,
  type NotificationLogger,
} from '@tiltak/notifications';
import { createCaseActivities } from './case-activities';

export function createWorkerActivities(deps: {
  dataSource: DataSource;
  mailSender: MailSender;
  config: Pick<AppConfig, 'api'>;
  logger?: NotificationLogger;
}) {
  const { dataSource } = deps;
  const dispatcher = new NotificationDispatcher({
    dataSource,
    mail: deps.mailSender,
    config: { publicBaseUrl: deps.config.api.publicBaseUrl },
    ...(deps.logger ? { logger: deps.logger } : {}),
  });
  return {
    ...createCaseActivities({
      eventStore: new CaseEventStore(dataSource),
      requestStore: new NotificationRequestStore(dataSource),
      directory: new DirectoryRepository(dataSource),
    }),
    ...createNotificationActivities({ dispatcher }),
  };
}
