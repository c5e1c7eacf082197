import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ApiConfig } from '../infrastructure/api-config';
import { DirectoryStore } from '../infrastructure/stores.provider';
import { seedDemoData } from './demo-seeder';

const RETRY_MS = 5_000;

/** With SEED_DEMO_DATA, seeds the synthetic municipality at start; retries in the background while PostgreSQL is down. */
@Injectable()
export class DemoSeederService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('demo-data');
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly config: ApiConfig,
    private readonly directoryStore: DirectoryStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.values.seedDemoData) await this.attempt();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  private async attempt(): Promise<void> {
    try {
      await seedDemoData(await this.directoryStore.get());
      this.logger.log({ msg: 'Demo data seeded (synthetic people, example.no addresses)' });
    } catch (err) {
      this.logger.warn({ msg: 'Demo data not seeded yet; retrying', error: String(err) });
      this.timer = setTimeout(() => void this.attempt(), RETRY_MS);
    }
  }
}
