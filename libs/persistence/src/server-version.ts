// The oldest PostgreSQL the schema and its statements run on: the absence import validates staged
// text with pg_input_is_valid (PostgreSQL 16), and docker-compose.yml runs 16.
export const MIN_POSTGRES_VERSION_NUM = 160000;

/** Refuses a server older than PostgreSQL 16, naming both versions (server_version_num, e.g. 150013). */
export function assertSupportedPostgres(serverVersionNum: number): void {
  if (!Number.isInteger(serverVersionNum) || serverVersionNum < MIN_POSTGRES_VERSION_NUM) {
    const major = Number.isInteger(serverVersionNum) ? Math.floor(serverVersionNum / 10000) : 'unknown';
    throw new Error(
      `PostgreSQL ${MIN_POSTGRES_VERSION_NUM / 10000} or newer is required; this server is PostgreSQL ${major} (server_version_num ${serverVersionNum})`,
    );
  }
}
