import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One row of the append-only audit trail. The database refuses UPDATE, DELETE and TRUNCATE. */
@Entity({ name: 'case_events' })
export class CaseEventEntity {
  /** bigserial: a string, so it never loses precision. */
  @PrimaryGeneratedColumn({ name: 'seq', type: 'bigint' })
  seq!: string;

  @Column({ name: 'event_id', type: 'text', unique: true })
  eventId!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'type', type: 'text' })
  type!: string;

  /** 'person' when a staff member recorded it, 'system' otherwise. */
  @Column({ name: 'origin', type: 'text' })
  origin!: string;

  @Column({ name: 'step', type: 'smallint' })
  step!: number;

  @Column({ name: 'actor_staff_id', type: 'uuid', nullable: true })
  actorStaffId!: string | null;

  @Column({ name: 'actor_role', type: 'text', nullable: true })
  actorRole!: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  @Column({ name: 'payload', type: 'jsonb' })
  payload!: unknown;
}
