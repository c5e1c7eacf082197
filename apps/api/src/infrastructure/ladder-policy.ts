import { ConfigError, type AppConfig } from '@tiltak/config';
import {
  defaultLadderPolicy,
  parsePolicyOverrides,
  validateLadderPolicy,
  type LadderPolicy,
} from '@tiltak/domain';

/**
 * The ladder every new case runs on: the guide's defaults merged with the municipality's overrides.
 * The API passes it to each workflow it starts, so a policy change applies to new cases only.
 */
export class CasePolicy {
  constructor(readonly policy: LadderPolicy) {}

  /** A bad override stops start-up with the variable's name, like any other configuration error. */
  static fromConfig(config: Pick<AppConfig, 'policyOverrides'>, explicit?: LadderPolicy): CasePolicy {
    if (explicit) {
      const problems = validateLadderPolicy(explicit);
      if (problems.length) throw new ConfigError(problems.map((p) => `ladder policy ${p}`));
      return new CasePolicy(explicit);
    }
    const parsed = parsePolicyOverrides(config.policyOverrides, defaultLadderPolicy());
    if (!parsed.ok) throw new ConfigError(parsed.errors.map((e) => `LADDER_POLICY_JSON ${e}`));
    return new CasePolicy(parsed.policy);
  }
}
