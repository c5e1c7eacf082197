import type { DataSource } from 'typeorm';
import { InstallationEntity } from './installation.entity';

/** This installation's id (see CreateInstallation1764001000000); it never changes, so it is read once. */
export class InstallationStore {
  private cached: string | null = null;

  constructor(private readonly dataSource: DataSource) {}

  async id(): Promise<string> {
    if (this.cached) return this.cached;
    const [row] = await this.dataSource.getRepository(InstallationEntity).find({ take: 1 });
    if (!row) throw new Error('The installation table is empty: run the migrations');
    this.cached = row.id;
    return row.id;
  }
}
