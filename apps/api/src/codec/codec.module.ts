import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { CodecCorsMiddleware } from './codec-cors.middleware';
import { CodecController } from './codec.controller';
import { CodecService } from './codec.service';

@Module({ controllers: [CodecController], providers: [CodecService] })
export class CodecModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CodecCorsMiddleware).forRoutes({ path: 'codec/*path', method: RequestMethod.ALL });
  }
}
