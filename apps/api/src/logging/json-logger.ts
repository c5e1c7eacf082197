import type { LoggerService } from '@nestjs/common';
import { safeLogFields } from './safe-error';

const ORDER = { verbose: 0, debug: 1, log: 2, info: 2, warn: 3, error: 4, fatal: 5 } as const;
type Level = keyof typeof ORDER;

/** One JSON object per line on stdout: what log shippers and operations expect. */
export class JsonLogger implements LoggerService {
  private readonly min: number;

  constructor(
    private readonly service: string,
    level = 'info',
  ) {
    this.min = ORDER[level as Level] ?? ORDER.info;
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('verbose', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: Level, message: unknown, rest: unknown[]): void {
    if (ORDER[level] < this.min) return;
    // Nest passes the context as the last string argument; objects are merged as fields.
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const fields = safeLogFields(
      Object.assign({}, ...rest.filter((r): r is object => typeof r === 'object' && r !== null)),
    ) as object;
    // An error passed as the message is logged by its name and code, never its SQL or values.
    const entry =
      typeof message === 'object' && message !== null && !(message instanceof Error)
        ? (safeLogFields(message) as object)
        : { msg: message instanceof Error ? safeLogFields(message) : String(message) };
    process.stdout.write(
      `${JSON.stringify({ time: new Date().toISOString(), level, service: this.service, ...(context ? { context } : {}), ...entry, ...fields })}\n`,
    );
  }
}
