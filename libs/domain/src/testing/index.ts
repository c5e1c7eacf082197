// Test-only entry point (`@tiltak/domain/testing`): factories for synthetic cases and events. Kept out
// of the main entry so production bundles (the workflow bundle especially) never pull them in.
export * from './case-event-factory';
export * from './short-test-policy';
export * from './example-calendars';
export * from './absence-generator';
