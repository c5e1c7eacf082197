// ABSENCE_DETECTION_POLICY as the worker reads it: the domain's defaults, a municipality's overrides
// over them, and a bad setting stopping start-up with the variable, the key and why.
import { ConfigError } from '@tiltak/config';
import { DEFAULT_DETECTION_POLICY } from '@tiltak/domain';
import { detectionPolicyFrom } from './worker-activities';

describe('detectionPolicyFrom', () => {
  it('is the domain defaults without overrides, and the overrides over them', () => {
    expect(detectionPolicyFrom({ mode: 'open', policyOverrides: null })).toEqual(DEFAULT_DETECTION_POLICY);
    expect(
      detectionPolicyFrom({ mode: 'propose', policyOverrides: { absencePercent: 8, lateOrEarlyCount: 6 } }),
    ).toEqual({ ...DEFAULT_DETECTION_POLICY, absencePercent: 8, lateOrEarlyCount: 6 });
  });

  it('refuses an unknown key or an out-of-range value, naming the variable and each problem', () => {
    let thrown: unknown;
    try {
      detectionPolicyFrom({ mode: 'open', policyOverrides: { absencePercent: 0, lateCount: 3 } });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).problems).toEqual([
      'ABSENCE_DETECTION_POLICY absencePercent: must be a number from 1 to 100',
      'ABSENCE_DETECTION_POLICY lateCount: unknown setting',
    ]);
  });
});
