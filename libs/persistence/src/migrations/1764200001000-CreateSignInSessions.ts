import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The web app's sign-in (ADR 0007): logins under way (state, nonce, PKCE verifier until the provider
 * answers) and sessions. Both are keyed by the SHA-256 of the browser's cookie value, so a copy of the
 * table opens no session. No provider tokens are stored.
 */
export class CreateSignInSessions1764200001000 implements MigrationInterface {
  name = 'CreateSignInSessions1764200001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE auth_login_attempts (
        id_hash text PRIMARY KEY,
        state text NOT NULL,
        nonce text NOT NULL,
        code_verifier text NOT NULL,
        return_to text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX auth_login_attempts_expires_idx ON auth_login_attempts (expires_at)`);
    await q.query(`
      CREATE TABLE auth_sessions (
        id_hash text PRIMARY KEY,
        oidc_subject text NOT NULL,
        acting_staff_id uuid NOT NULL REFERENCES staff (id),
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        idle_expires_at timestamptz NOT NULL,
        absolute_expires_at timestamptz NOT NULL,
        ended_at timestamptz,
        CHECK (idle_expires_at <= absolute_expires_at)
      )`);
    await q.query(`CREATE INDEX auth_sessions_absolute_expires_idx ON auth_sessions (absolute_expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE auth_sessions`);
    await q.query(`DROP TABLE auth_login_attempts`);
  }
}
