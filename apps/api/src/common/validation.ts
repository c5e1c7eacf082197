// Shared pieces for DTOs: the date and instant formats the domain speaks, and bounds on names. Event
// payloads' bounds are the domain's event schema's (MAX_TEXT_LENGTH, ADR 0008).

/** `YYYY-MM-DD`; the domain checks that it is a real date. */
export const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const LOCAL_DATE_EXAMPLE = '2026-11-23';
export const INSTANT_EXAMPLE = '2026-11-23T09:00:00.000Z';
/** Names of people, schools, classes. */
export const NAME_MAX = 200;
