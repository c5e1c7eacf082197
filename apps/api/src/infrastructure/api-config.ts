import type { AppConfig } from '@tiltak/config';

/** The validated configuration, injectable by class (no string tokens). */
export class ApiConfig {
  constructor(readonly values: AppConfig) {}

  /** An absolute URL for an API path, for Location headers: `/api/cases/1` → `https://…/api/cases/1`. */
  url(path: string): string {
    return path.startsWith('/') ? `${this.values.api.publicBaseUrl}${path}` : path;
  }
}
