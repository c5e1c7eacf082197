// The API's resource modules (cases, events, students, schools, staff, codec). Kept in one list so
// app.module stays small.
import type { Type } from '@nestjs/common';

export const FEATURE_MODULES: Type<unknown>[] = [];
