import { assertSupportedPostgres } from './server-version';

describe('assertSupportedPostgres', () => {
  it('accepts PostgreSQL 16 and newer', () => {
    expect(() => assertSupportedPostgres(160000)).not.toThrow();
    expect(() => assertSupportedPostgres(160004)).not.toThrow();
    expect(() => assertSupportedPostgres(170010)).not.toThrow();
  });

  it('refuses an older server, naming its major version', () => {
    expect(() => assertSupportedPostgres(150013)).toThrow(
      'PostgreSQL 16 or newer is required; this server is PostgreSQL 15 (server_version_num 150013)',
    );
    expect(() => assertSupportedPostgres(159999)).toThrow('PostgreSQL 15');
  });

  it('refuses a version it cannot read', () => {
    expect(() => assertSupportedPostgres(Number.NaN)).toThrow('PostgreSQL unknown');
  });
});
