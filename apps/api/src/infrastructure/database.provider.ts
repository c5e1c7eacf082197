import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { assertLeastPrivilege, createDataSource } from '@tiltak/persistence';

/** Owns the TypeORM DataSource; initialised at start-up, retried lazily if PostgreSQL was down. */
@Injectable()
export class Database implements OnApplicationShutdown {
  readonly dataSource: DataSource;
  private initialising: Promise<DataSource> | null = null;

  constructor(databaseUrl: string) {
    this.dataSource = createDataSource(databaseUrl);
  }

  async ready(): Promise<DataSource> {
    if (this.dataSource.isInitialized) return this.dataSource;
    this.initialising ??= this.dataSource
      .initialize()
      // A role that could change audit rows is never used: the API stays not-ready, saying why.
      .then(async (ds) => {
        try {
          await assertLeastPrivilege(ds);
          return ds;
        } catch (err) {
          await ds.destroy();
          throw err;
        }
      })
      .catch((err: unknown) => {
        this.initialising = null;
        throw err;
      });
    return this.initialising;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
