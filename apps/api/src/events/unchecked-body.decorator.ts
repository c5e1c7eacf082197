import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/**
 * The parsed JSON body, unvalidated: the global pipes skip custom decorators. For the event endpoint,
 * whose service checks access to the case first and the body after, so that a case the caller may
 * not see answers 404 whatever the body (RecordEventBodyPipe then screens and validates it).
 */
export const UncheckedBody = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): unknown => ctx.switchToHttp().getRequest<Request>().body,
);
