// The public API of @tiltak/domain. Test factories live in ./testing, a separate entry point.
export * from './model';
export * from './policy';
export * from './oslo-time';
export * from './school-calendar';
export * from './deadlines';
export * from './default-policy';
export * from './policy-config';
export * from './case-event-validation';
export * from './text-rules';
export * from './case-rules';
export * from './timers';
export * from './system-events';
export * from './partner-assignments';
export * from './case-summary';
export * from './notices';
export * from './concern-threshold';
export * from './absence-detection';
