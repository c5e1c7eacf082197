// Callers for unit tests, from the demo directory (synthetic people). Test-only: excluded from the build.
import { type Caller, callerOfStaff } from '../auth/caller';
import { DEMO_STAFF, type DemoStaff } from '../demo/demo-data';

export function callerOf(staff: DemoStaff, scopes: string[] = []): Caller {
  return callerOfStaff(staff, new Set(scopes));
}

export const CALLERS = Object.fromEntries(
  Object.entries(DEMO_STAFF).map(([name, staff]) => [name, callerOf(staff)]),
) as Record<keyof typeof DEMO_STAFF, Caller>;
