import { Injectable } from '@nestjs/common';
import {
  AccessLog,
  CaseEventStore,
  CaseReadModel,
  DirectoryRepository,
  IdempotencyStore,
  InstallationStore,
  SignInStore,
} from '@tiltak/persistence';
import { Database } from './database.provider';

/** The persistence classes the API reads and writes through, built once PostgreSQL is reachable. */
export interface StoreSet {
  directory: DirectoryRepository;
  cases: CaseReadModel;
  events: CaseEventStore;
  idempotency: IdempotencyStore;
  accessLog: AccessLog;
  installation: InstallationStore;
  signIn: SignInStore;
}

/**
 * TypeORM repositories need an initialised DataSource, so the stores are created on first use rather
 * than at start-up: the API starts (and reports not-ready) while PostgreSQL is still down.
 */
@Injectable()
export class Stores {
  private built: StoreSet | null = null;

  constructor(private readonly database: Database) {}

  async get(): Promise<StoreSet> {
    if (this.built) return this.built;
    const dataSource = await this.database.ready();
    this.built ??= {
      directory: new DirectoryRepository(dataSource),
      cases: new CaseReadModel(dataSource),
      events: new CaseEventStore(dataSource),
      idempotency: new IdempotencyStore(dataSource),
      accessLog: new AccessLog(dataSource),
      installation: new InstallationStore(dataSource),
      signIn: new SignInStore(dataSource),
    };
    return this.built;
  }
}
