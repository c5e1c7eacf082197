import {
  concernThresholdPercent,
  DEFAULT_CONCERN_THRESHOLD_PERCENT,
  isConcerningAbsence,
} from './concern-threshold';

describe('concern threshold', () => {
  it('is 10 % without a profile, as the guide says', () => {
    expect(DEFAULT_CONCERN_THRESHOLD_PERCENT).toBe(10);
    expect(concernThresholdPercent(null)).toBe(10);
    expect(isConcerningAbsence(9.9, null)).toBe(false);
    expect(isConcerningAbsence(10, undefined)).toBe(true);
  });

  it('is lower for an especially vulnerable student', () => {
    const profile = { lowerThresholdPercent: 5 };
    expect(concernThresholdPercent(profile)).toBe(5);
    expect(isConcerningAbsence(4.9, profile)).toBe(false);
    expect(isConcerningAbsence(5, profile)).toBe(true);
  });

  it('never rises above the guide’s threshold, whatever a profile says', () => {
    expect(concernThresholdPercent({ lowerThresholdPercent: 15 })).toBe(10);
  });
});
