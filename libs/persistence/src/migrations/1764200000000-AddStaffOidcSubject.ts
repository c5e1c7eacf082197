import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who signs in as a staff row: the OIDC subject (Feide's user id, or the claim AUTH_OIDC_SUBJECT_CLAIM
 * names). Nullable (staff that only integrations act for have none); several rows may share one
 * subject: one person with several assignments (a contact teacher on the competence team).
 */
export class AddStaffOidcSubject1764200000000 implements MigrationInterface {
  name = 'AddStaffOidcSubject1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE staff ADD COLUMN oidc_subject text`);
    await q.query(
      `ALTER TABLE staff ADD CONSTRAINT staff_oidc_subject_check
         CHECK (oidc_subject IS NULL OR (length(oidc_subject) BETWEEN 1 AND 255))`,
    );
    // Every signed-in request looks the person's assignments up by subject.
    await q.query(
      `CREATE INDEX staff_oidc_subject_idx ON staff (oidc_subject) WHERE oidc_subject IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE staff DROP COLUMN oidc_subject`);
  }
}
