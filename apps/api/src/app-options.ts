import type { SessionConfig } from '@tiltak/config';
import type { LadderPolicy } from '@tiltak/domain';
import type { WorkflowWaits } from './infrastructure/workflow-waits';
import type { ApiLogOptions } from './logging/log-params';

/** What a caller of createApp may set besides configuration (tests use both). */
export interface AppOptions {
  /** The ladder for new cases; tests pass a short one. Default: the guide's, with LADDER_POLICY_JSON applied. */
  policy?: LadderPolicy;
  /** Shorter waits for tests of the 202 and 503 paths. */
  workflowWaits?: Partial<Pick<WorkflowWaits, 'acceptMs' | 'resultMs' | 'queryMs'>>;
  /** Session timeouts in seconds (tests of expiry); default AUTH_SESSION_IDLE_MINUTES / _ABSOLUTE_HOURS. */
  session?: Partial<Pick<SessionConfig, 'idleSeconds' | 'absoluteSeconds'>>;
  /** Where the log lines go (tests read them), or none. */
  log?: ApiLogOptions;
}
