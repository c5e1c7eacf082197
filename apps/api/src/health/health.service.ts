import { Injectable } from '@nestjs/common';
import { Database } from '../infrastructure/database.provider';
import { TemporalClient } from '../infrastructure/temporal-client.provider';

export interface DependencyCheck {
  name: 'postgres' | 'temporal';
  ok: boolean;
  reason?: string;
}
export interface ReadinessReport {
  status: 'ready' | 'not-ready';
  checks: DependencyCheck[];
}

const TIMEOUT_MS = 3000;

@Injectable()
export class HealthService {
  constructor(
    private readonly database: Database,
    private readonly temporal: TemporalClient,
  ) {}

  async readiness(): Promise<ReadinessReport> {
    const checks = await Promise.all([
      check('postgres', async () => {
        const ds = await this.database.ready();
        await ds.query('SELECT 1');
      }),
      check('temporal', async () => {
        const connection = await this.temporal.connection();
        await connection.workflowService.getSystemInfo({});
      }),
    ]);
    return { status: checks.every((c) => c.ok) ? 'ready' : 'not-ready', checks };
  }
}

async function check(name: DependencyCheck['name'], probe: () => Promise<void>): Promise<DependencyCheck> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
      }),
    ]);
    return { name, ok: true };
  } catch (err) {
    return { name, ok: false, reason: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}
