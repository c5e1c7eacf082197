// The guide's absence threshold and the grounds for a lower one (skjerpet aktivitetsplikt). The
// grounds are a closed list on purpose: free text here would invite health details.

/** Absence of 10 % or more is concerning (bekymringsfullt fravær). */
export const DEFAULT_CONCERN_THRESHOLD_PERCENT = 10;

export const CONCERN_PROFILE_REASONS = ['function-level', 'family-situation', 'traits', 'other'] as const;
export type ConcernProfileReason = (typeof CONCERN_PROFILE_REASONS)[number];
