import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One role of one person, at one school or municipality-wide (`schoolId` null: PPT, mobile team). */
@Entity({ name: 'staff' })
export class StaffMemberEntity {
  @PrimaryColumn({ name: 'id', type: 'uuid' })
  id!: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  @Column({ name: 'email', type: 'text' })
  email!: string;

  /** A `StaffRole`; the table's CHECK keeps it to the known roles. */
  @Column({ name: 'role', type: 'text' })
  role!: string;

  @Column({ name: 'school_id', type: 'uuid', nullable: true })
  schoolId!: string | null;

  /** Who signs in as this row (OIDC subject); rows of one person share it. */
  @Column({ name: 'oidc_subject', type: 'text', nullable: true })
  oidcSubject!: string | null;

  @Column({ name: 'active', type: 'boolean' })
  active!: boolean;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt!: Date;
}
