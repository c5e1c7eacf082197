// Structured JSON lines on stdout, as the Temporal SDK's Logger interface wants them.
import type { LogLevel, LogMetadata, Logger } from '@temporalio/worker';
import { safeForLog } from '@tiltak/persistence';

const ORDER: Record<string, number> = { TRACE: 0, DEBUG: 1, INFO: 2, WARN: 3, ERROR: 4 };

export function jsonLogger(
  service: string,
  level: string,
  write: (line: string) => void = (line) => process.stdout.write(line),
): Logger {
  const min = ORDER[level.toUpperCase()] ?? 2;
  const log = (lvl: LogLevel, message: string, meta?: LogMetadata) => {
    if ((ORDER[lvl] ?? 0) < min) return;
    const fields = meta ? (safeForLog(meta) as Record<string, unknown>) : {};
    write(
      `${JSON.stringify({ time: new Date().toISOString(), level: lvl.toLowerCase(), service, msg: message, ...fields })}\n`,
    );
  };
  return {
    log,
    trace: (m, meta) => log('TRACE', m, meta),
    debug: (m, meta) => log('DEBUG', m, meta),
    info: (m, meta) => log('INFO', m, meta),
    warn: (m, meta) => log('WARN', m, meta),
    error: (m, meta) => log('ERROR', m, meta),
  };
}
