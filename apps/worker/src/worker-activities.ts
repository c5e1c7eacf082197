// Every activity the worker registers, built from its real dependencies. main.ts and the integration
// tests both use this, so tests run the wiring production runs.
import type { DataSource } from 'typeorm';
import { ConfigError, type AppConfig } from '@tiltak/config';
import {
  AbsenceStore,
  CaseEventStore,
  DirectoryRepository,
  InstallationStore,
  ProposalStore,
} from '@tiltak/persistence';
import {
  MailSender,
  createNotificationActivities,
  createNotificationServices,
  type NotificationLogger,
} from '@tiltak/notifications';
import {
  DEFAULT_DETECTION_POLICY,
  defaultLadderPolicy,
  parseDetectionPolicy,
  parsePolicyOverrides,
  type DetectionPolicy,
  type LadderPolicy,
} from '@tiltak/domain';
import { createAbsenceActivities } from './absence-activities';
import { createCaseActivities } from './case-activities';
import type { NoticeMetrics } from './worker-metrics';

export function createWorkerActivities(deps: {
  dataSource: DataSource;
  mailSender: MailSender;
  config: Pick<AppConfig, 'api'> & Partial<Pick<AppConfig, 'policyOverrides' | 'absenceDetection'>>;
  logger?: NotificationLogger;
  /** Overrides the configured ABSENCE_DETECTION_POLICY (tests). */
  detectionPolicy?: DetectionPolicy;
  /** Counts what SMTP said to each notice (the worker's metrics). */
  noticeMetrics?: NoticeMetrics;
}) {
  const { dataSource } = deps;
  const detectionPolicy =
    deps.detectionPolicy ??
    (deps.config.absenceDetection ? detectionPolicyFrom(deps.config.absenceDetection) : undefined);
  const notifications = createNotificationServices({
    dataSource,
    mail: deps.noticeMetrics ? deps.noticeMetrics.around(deps.mailSender) : deps.mailSender,
    publicBaseUrl: deps.config.api.publicBaseUrl,
    ...(deps.logger ? { logger: deps.logger } : {}),
  });
  return {
    ...createCaseActivities({
      eventStore: new CaseEventStore(dataSource),
      directory: new DirectoryRepository(dataSource),
    }),
    ...createNotificationActivities(notifications),
    ...createAbsenceActivities({
      absence: new AbsenceStore(dataSource),
      installation: new InstallationStore(dataSource),
      proposals: new ProposalStore(dataSource),
      mode: deps.config.absenceDetection?.mode ?? 'open',
      ...(deps.logger ? { logger: deps.logger } : {}),
      ...(detectionPolicy ? { policy: detectionPolicy } : {}),
      ...(deps.config.policyOverrides !== undefined
        ? { ladderPolicy: ladderPolicyFrom(deps.config.policyOverrides) }
        : {}),
    }),
  };
}

/** ABSENCE_DETECTION_POLICY over libs/domain's defaults; a bad key or value stops the worker, naming both. */
export function detectionPolicyFrom(config: AppConfig['absenceDetection']): DetectionPolicy {
  if (config.policyOverrides === null || config.policyOverrides === undefined)
    return DEFAULT_DETECTION_POLICY;
  const parsed = parseDetectionPolicy(config.policyOverrides);
  if (!parsed.ok) throw new ConfigError(parsed.errors.map((e) => `ABSENCE_DETECTION_POLICY ${e}`));
  return parsed.policy;
}

/** LADDER_POLICY_JSON as the API reads it; a bad value stops the worker as it stops the API. */
function ladderPolicyFrom(overrides: AppConfig['policyOverrides']): LadderPolicy {
  const parsed = parsePolicyOverrides(overrides, defaultLadderPolicy());
  if (!parsed.ok) throw new ConfigError(parsed.errors.map((e) => `LADDER_POLICY_JSON ${e}`));
  return parsed.policy;
}
