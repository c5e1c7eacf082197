import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A notice the case workflow asked for; `key` is its natural idempotency key. */
@Entity({ name: 'notification_requests' })
export class NotificationRequestEntity {
  @PrimaryColumn({ name: 'key', type: 'text' })
  key!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'school_id', type: 'uuid' })
  schoolId!: string;

  @Column({ name: 'kind', type: 'text' })
  kind!: string;

  @Column({ name: 'roles', type: 'text', array: true })
  roles!: string[];

  @Column({ name: 'step', type: 'smallint' })
  step!: number;

  @Column({ name: 'deadline_kind', type: 'text', nullable: true })
  deadlineKind!: string | null;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt!: Date;

  /** Set once the notifications side has fanned the request out to its outbox. */
  @Column({ name: 'dispatched_at', type: 'timestamptz', nullable: true })
  dispatchedAt!: Date | null;
}
