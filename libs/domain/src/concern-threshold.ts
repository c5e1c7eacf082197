// When absence is concerning (bekymringsfullt fravær): 10 % or more, measured continuously, or a lower
// threshold for an especially vulnerable student (skjerpet aktivitetsplikt). The grounds for a lower
// threshold are a closed list on purpose: free text here would invite health details.

/** Absence of 10 % or more is concerning. */
export const DEFAULT_CONCERN_THRESHOLD_PERCENT = 10;

export const CONCERN_PROFILE_REASONS = ['function-level', 'family-situation', 'traits', 'other'] as const;
export type ConcernProfileReason = (typeof CONCERN_PROFILE_REASONS)[number];

/** The part of a student's concern profile the threshold depends on. */
export interface ConcernThresholdProfile {
  lowerThresholdPercent: number;
}

/** The threshold that applies to a student: their lower one when they have a profile, else the guide's. */
export function concernThresholdPercent(profile: ConcernThresholdProfile | null | undefined): number {
  return profile
    ? Math.min(profile.lowerThresholdPercent, DEFAULT_CONCERN_THRESHOLD_PERCENT)
    : DEFAULT_CONCERN_THRESHOLD_PERCENT;
}

/** Whether an absence share (0–100) is concerning for this student. */
export function isConcerningAbsence(
  absencePercent: number,
  profile: ConcernThresholdProfile | null | undefined,
): boolean {
  return absencePercent >= concernThresholdPercent(profile);
}
