import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One email to one person: the outbox that makes each notice go out exactly once. Owned by
 * libs/notifications (NotificationPlanner, NotificationDelivery), which writes it with plain SQL; the entity is here so
 * the schema has one home and TypeORM knows the table.
 */
@Entity({ name: 'notification_outbox' })
export class NotificationOutboxEntity {
  @PrimaryColumn({ name: 'id', type: 'uuid' })
  id!: string;

  /** `${requestKey}:${recipientStaffId}`: the natural key. */
  @Column({ name: 'key', type: 'text', unique: true })
  key!: string;

  /** The notification request's key (or a digest's / failure notice's own key). */
  @Column({ name: 'request_key', type: 'text' })
  requestKey!: string;

  /** Null for notices that are about no single case (the weekly digest). */
  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId!: string | null;

  @Column({ name: 'school_id', type: 'uuid' })
  schoolId!: string;

  /** A NotificationRequest kind, 'delivery-failed' or 'school-digest'. */
  @Column({ name: 'kind', type: 'text' })
  kind!: string;

  @Column({ name: 'recipient_staff_id', type: 'uuid' })
  recipientStaffId!: string;

  /** As resolved when the notice was planned. */
  @Column({ name: 'recipient_email', type: 'text' })
  recipientEmail!: string;

  /** The role this person receives the notice as (school-leadership when standing in for a missing role). */
  @Column({ name: 'recipient_role', type: 'text' })
  recipientRole!: string;

  /** 'pending' | 'sending' | 'sent' | 'failed'. */
  @Column({ name: 'status', type: 'text' })
  status!: string;

  /** What the template needs besides directory data (step, deadline, times; the digest summary). */
  @Column({ name: 'payload', type: 'jsonb' })
  payload!: unknown;

  /** Deterministic from `key`, fixed when the row is planned: a duplicate send carries the same one. */
  @Column({ name: 'message_id', type: 'text' })
  messageId!: string;

  @Column({ name: 'attempts', type: 'integer' })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;
}
