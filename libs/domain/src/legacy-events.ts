// Names older versions recorded, read under their current names. Histories in Temporal and rows in
// PostgreSQL keep what was recorded; the workflow and the readers of the audit trail see the current
// vocabulary, so no rule has to know the old names (docs/decisions.md: the step-3 meeting).
import type { MeetingKind } from './model';

/** Meeting kinds by the name they were once recorded under. */
export const LEGACY_MEETING_KINDS: Readonly<Record<string, MeetingKind>> = {
  'team-meeting': 'team-around-student-meeting',
};

/** A recorded payload in the current vocabulary; anything else is returned as it is. */
export function upgradeEventPayload(type: string, payload: unknown): unknown {
  if (type !== 'meeting-held' || typeof payload !== 'object' || payload === null) return payload;
  const { kind } = payload as { kind?: unknown };
  if (typeof kind !== 'string' || !Object.hasOwn(LEGACY_MEETING_KINDS, kind)) return payload;
  return { ...payload, kind: LEGACY_MEETING_KINDS[kind] };
}

/** An event as recorded by any version, in the current vocabulary. */
export function upgradeRecordedEvent<T extends { type: string; payload: unknown }>(event: T): T {
  const payload = upgradeEventPayload(event.type, event.payload);
  return payload === event.payload ? event : { ...event, payload };
}
