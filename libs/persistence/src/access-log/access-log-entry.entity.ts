import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One access decision. Append-only: the database refuses UPDATE, DELETE and TRUNCATE. */
@Entity({ name: 'access_log' })
export class AccessLogEntryEntity {
  @PrimaryGeneratedColumn({ name: 'id', type: 'bigint' })
  id!: string;

  @Column({ name: 'at', type: 'timestamptz', insert: false, update: false })
  at!: Date;

  @Column({ name: 'staff_id', type: 'uuid', nullable: true })
  staffId!: string | null;

  @Column({ name: 'role', type: 'text', nullable: true })
  role!: string | null;

  @Column({ name: 'action', type: 'text' })
  action!: string;

  @Column({ name: 'resource_type', type: 'text' })
  resourceType!: string;

  @Column({ name: 'resource_id', type: 'text', nullable: true })
  resourceId!: string | null;

  /** 'allowed' | 'denied' */
  @Column({ name: 'outcome', type: 'text' })
  outcome!: string;

  @Column({ name: 'reason', type: 'text', nullable: true })
  reason!: string | null;
}
