import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { CallerCache } from './caller-cache';
import { ApiConfig } from '../infrastructure/api-config';
import { OidcSignIn } from './oidc-sign-in.service';
import { Sessions } from './sessions.service';
import { TokenVerifier } from './token-verifier';

@Module({
  controllers: [AuthController],
  providers: [
    TokenVerifier,
    OidcSignIn,
    Sessions,
    {
      provide: CallerCache,
      useFactory: (config: ApiConfig) => new CallerCache(config.values.auth.callerCacheSeconds * 1000),
      inject: [ApiConfig],
    },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [TokenVerifier, Sessions, CallerCache],
})
export class AuthModule {}
