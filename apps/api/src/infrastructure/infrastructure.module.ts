import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { AppConfig } from '@tiltak/config';
import { ApiConfig } from './api-config';
import { Database } from './database.provider';
import { TemporalClient } from './temporal-client.provider';

/** Configuration, PostgreSQL and Temporal, shared by every feature module. */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: ApiConfig, useValue: new ApiConfig(config) },
        { provide: Database, useFactory: () => new Database(config.databaseUrl) },
        { provide: TemporalClient, useFactory: () => new TemporalClient(config) },
      ],
      exports: [ApiConfig, Database, TemporalClient],
    };
  }
}
