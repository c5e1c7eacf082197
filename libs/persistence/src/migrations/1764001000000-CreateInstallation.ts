import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A random id per installation, made once. The API derives case ids from it (with the student and a
 * sequence number), so two installations that share a Temporal namespace (a test run against the
 * demo stack's dev server, both with the same synthetic students) never derive the same workflow id.
 */
export class CreateInstallation1764001000000 implements MigrationInterface {
  name = 'CreateInstallation1764001000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE installation (
        id uuid PRIMARY KEY,
        singleton boolean NOT NULL DEFAULT true UNIQUE CHECK (singleton),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`INSERT INTO installation (id) VALUES (gen_random_uuid())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE installation`);
  }
}
