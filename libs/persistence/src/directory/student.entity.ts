import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The only table holding students' names; `id` is the pseudonymous id used everywhere else. */
@Entity({ name: 'students' })
export class StudentEntity {
  @PrimaryColumn({ name: 'id', type: 'uuid' })
  id!: string;

  @Column({ name: 'school_id', type: 'uuid' })
  schoolId!: string;

  @Column({ name: 'class_name', type: 'text' })
  className!: string;

  @Column({ name: 'contact_teacher_id', type: 'uuid' })
  contactTeacherId!: string;

  @Column({ name: 'given_name', type: 'text' })
  givenName!: string;

  @Column({ name: 'family_name', type: 'text' })
  familyName!: string;

  /** `{ lowerThresholdPercent, reason, reviewOn }` or null. */
  @Column({ name: 'concern_profile', type: 'jsonb', nullable: true })
  concernProfile!: unknown;

  /** The school administration system's reference (unique per school); absence imports name students by it. */
  @Column({ name: 'external_ref', type: 'text', nullable: true })
  externalRef!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
