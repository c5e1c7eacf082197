import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'tiltak:public';

/** Lets a route answer without a bearer token (health checks only). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
