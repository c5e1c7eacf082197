import type { AppConfig } from '@tiltak/config';

/** The validated configuration, injectable by class (no string tokens). */
export class ApiConfig {
  constructor(readonly values: AppConfig) {}
}
