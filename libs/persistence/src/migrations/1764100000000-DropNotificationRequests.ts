import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CreateNotificationRequests1764000002000 } from './1764000002000-CreateNotificationRequests';

/**
 * notification_requests recorded what the case workflow asked to be sent, but only ever got marked
 * dispatched: each notice is a child workflow (its id the request key) that plans the outbox itself.
 * One mechanism, not two. `down` restores the empty table exactly as the migration that made it.
 */
export class DropNotificationRequests1764100000000 implements MigrationInterface {
  name = 'DropNotificationRequests1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS notification_requests`);
  }

  async down(q: QueryRunner): Promise<void> {
    await new CreateNotificationRequests1764000002000().up(q);
  }
}
