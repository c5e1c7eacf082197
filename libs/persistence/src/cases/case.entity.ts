import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The read model of a case: a projection of the workflow's CaseState, written only by
 * CaseEventStore.append. Lists and filters read it; the workflow stays the source of truth.
 */
@Entity({ name: 'cases' })
export class CaseEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'student_id', type: 'uuid' })
  studentId!: string;

  @Column({ name: 'school_id', type: 'uuid' })
  schoolId!: string;

  @Column({ name: 'owner_staff_id', type: 'uuid' })
  ownerStaffId!: string;

  @Column({ name: 'trigger', type: 'text' })
  trigger!: string;

  @Column({ name: 'step', type: 'smallint' })
  step!: number;

  @Column({ name: 'status', type: 'text' })
  status!: string;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ name: 'close_reason', type: 'text', nullable: true })
  closeReason!: string | null;

  @Column({ name: 'paused_at', type: 'timestamptz', nullable: true })
  pausedAt!: Date | null;

  /** The earliest dueAt among the case's open deadlines. */
  @Column({ name: 'next_deadline_at', type: 'timestamptz', nullable: true })
  nextDeadlineAt!: Date | null;

  @Column({ name: 'next_deadline_kind', type: 'text', nullable: true })
  nextDeadlineKind!: string | null;

  /** Some open deadline was missed or escalated. */
  @Column({ name: 'overdue', type: 'boolean' })
  overdue!: boolean;

  /** An open deadline's escalation fired and nobody has met it since (the domain's isEscalated). */
  @Column({ name: 'escalated', type: 'boolean' })
  escalated!: boolean;

  /** When a person last opened the case or recorded an event on it (system events do not count). */
  @Column({ name: 'last_activity_at', type: 'timestamptz' })
  lastActivityAt!: Date;

  /** `Deadline[]` */
  @Column({ name: 'deadlines', type: 'jsonb' })
  deadlines!: unknown;

  /** `Measure[]` */
  @Column({ name: 'measures', type: 'jsonb' })
  measures!: unknown;

  /** The full `CaseState`; not selected unless asked for (lists do not need it). */
  @Column({ name: 'state', type: 'jsonb', select: false })
  state!: unknown;

  @Column({ name: 'event_count', type: 'integer' })
  eventCount!: number;

  @Column({ name: 'last_event_at', type: 'timestamptz' })
  lastEventAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
