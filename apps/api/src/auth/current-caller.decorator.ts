import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Caller } from './caller';

declare module 'express-serve-static-core' {
  interface Request {
    caller?: Caller;
  }
}

/** The authenticated staff member; the global AuthGuard has set it on every non-public route. */
export const CurrentCaller = createParamDecorator((_data: unknown, ctx: ExecutionContext): Caller => {
  const caller = ctx.switchToHttp().getRequest<Request>().caller;
  if (!caller) throw new Error('CurrentCaller used on a route the AuthGuard did not authenticate');
  return caller;
});

/** The caller when a token was sent to an @OptionalAuth() route; undefined when none was. */
export const OptionalCaller = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Caller | undefined =>
    ctx.switchToHttp().getRequest<Request>().caller,
);
