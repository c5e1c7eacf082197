import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row: this installation's random id, made when the database was first migrated. */
@Entity({ name: 'installation' })
export class InstallationEntity {
  @PrimaryColumn({ name: 'id', type: 'uuid' })
  id!: string;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt!: Date;
}
