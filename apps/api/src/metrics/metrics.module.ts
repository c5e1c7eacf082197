import { Global, Logger, Module } from '@nestjs/common';
import { describeErrorForLog } from '../logging/safe-error';
import { CaseReadModelStore } from '../infrastructure/stores.provider';
import { ApiMetrics } from './api-metrics';

/** The API's metrics, injectable everywhere; served on their own port by main.ts (listenMetrics). */
@Global()
@Module({
  providers: [
    {
      provide: ApiMetrics,
      inject: [CaseReadModelStore],
      useFactory: (cases: CaseReadModelStore) => {
        const logger = new Logger('metrics');
        return new ApiMetrics({
          countCases: async () => (await cases.get()).countByStep(),
          onCountFailed: (error) =>
            logger.warn({
              msg: 'Case counts for the metrics unavailable',
              error: describeErrorForLog(error),
            }),
          processMetrics: true,
        });
      },
    },
  ],
  exports: [ApiMetrics],
})
export class MetricsModule {}
