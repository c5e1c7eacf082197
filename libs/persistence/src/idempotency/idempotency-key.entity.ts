import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One Idempotency-Key per caller: the request it was first used for, and the response once done. */
@Entity({ name: 'idempotency_keys' })
export class IdempotencyKeyEntity {
  @PrimaryColumn({ name: 'caller_staff_id', type: 'uuid' })
  callerStaffId!: string;

  @PrimaryColumn({ name: 'key', type: 'text' })
  key!: string;

  @Column({ name: 'method', type: 'text' })
  method!: string;

  @Column({ name: 'path', type: 'text' })
  path!: string;

  @Column({ name: 'request_hash', type: 'text' })
  requestHash!: string;

  /** 'in-progress' | 'completed' */
  @Column({ name: 'status', type: 'text' })
  status!: string;

  @Column({ name: 'response_status', type: 'integer', nullable: true })
  responseStatus!: number | null;

  @Column({ name: 'response_body', type: 'jsonb', nullable: true })
  responseBody!: unknown;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt!: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;
}
