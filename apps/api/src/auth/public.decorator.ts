import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'tiltak:public';

/** Lets a route answer without a bearer token (health checks only). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

export const IS_OPTIONAL_AUTH = 'tiltak:optional-auth';

/**
 * A token is checked when one is sent; without one the route still answers, with no caller. Only for
 * routes whose anonymous answer reveals nothing (the codec's decode returns payloads still encrypted).
 */
export const OptionalAuth = (): MethodDecorator & ClassDecorator => SetMetadata(IS_OPTIONAL_AUTH, true);
