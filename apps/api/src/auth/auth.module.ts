import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { OidcSignIn } from './oidc-sign-in.service';
import { Sessions } from './sessions.service';
import { TokenVerifier } from './token-verifier';

@Module({
  controllers: [AuthController],
  providers: [TokenVerifier, OidcSignIn, Sessions, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [TokenVerifier, Sessions],
})
export class AuthModule {}
