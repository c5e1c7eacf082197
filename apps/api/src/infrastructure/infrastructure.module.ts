import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { AppConfig } from '@tiltak/config';
import type { AppOptions } from '../app-options';
import { ApiConfig } from './api-config';
import { Database } from './database.provider';
import { CasePolicy } from './ladder-policy';
import { STORE_PROVIDERS } from './stores.provider';
import { TemporalClient } from './temporal-client.provider';
import { WorkflowWaits } from './workflow-waits';

/** Configuration, PostgreSQL and Temporal, shared by every feature module. */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(config: AppConfig, options: AppOptions = {}): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: ApiConfig, useValue: new ApiConfig(config) },
        { provide: CasePolicy, useValue: CasePolicy.fromConfig(config, options.policy) },
        { provide: Database, useFactory: () => new Database(config.databaseUrl) },
        { provide: TemporalClient, useFactory: () => new TemporalClient(config) },
        { provide: WorkflowWaits, useValue: new WorkflowWaits(options.workflowWaits) },
        ...STORE_PROVIDERS,
      ],
      exports: [ApiConfig, CasePolicy, Database, ...STORE_PROVIDERS, TemporalClient, WorkflowWaits],
    };
  }
}
