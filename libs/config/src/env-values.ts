// Reading one typed value from the environment; a bad value is recorded in `problems` (all of them are
// reported together at start-up) and the fallback is used meanwhile.

export type Env = Record<string, string | undefined>;

/** An integer from min to max; unset or blank gives the fallback. */
export function intVar(
  env: Env,
  problems: string[],
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
    return fallback;
  }
  return n;
}
