import { Injectable } from '@nestjs/common';
import {
  AccessLog,
  CaseEventStore,
  CaseReadModel,
  DirectoryRepository,
  IdempotencyStore,
  InstallationStore,
} from '@tiltak/persistence';
import type { DataSource } from 'typeorm';
import { Database } from './database.provider';

/**
 * One persistence store, injected where it is used so that each service's constructor says what it
 * reads and writes. TypeORM needs an initialised DataSource, so the store is built on first use rather
 * than at start-up: the API starts (and reports not-ready) while PostgreSQL is still down.
 */
@Injectable()
export abstract class LazyStore<T> {
  private built: T | null = null;

  constructor(private readonly database: Database) {}

  protected abstract build(dataSource: DataSource): T;

  async get(): Promise<T> {
    if (this.built) return this.built;
    const dataSource = await this.database.ready();
    this.built ??= this.build(dataSource);
    return this.built;
  }
}

@Injectable()
export class DirectoryStore extends LazyStore<DirectoryRepository> {
  protected build(dataSource: DataSource): DirectoryRepository {
    return new DirectoryRepository(dataSource);
  }
}

@Injectable()
export class CaseReadModelStore extends LazyStore<CaseReadModel> {
  protected build(dataSource: DataSource): CaseReadModel {
    return new CaseReadModel(dataSource);
  }
}

@Injectable()
export class EventStore extends LazyStore<CaseEventStore> {
  protected build(dataSource: DataSource): CaseEventStore {
    return new CaseEventStore(dataSource);
  }
}

@Injectable()
export class IdempotencyKeys extends LazyStore<IdempotencyStore> {
  protected build(dataSource: DataSource): IdempotencyStore {
    return new IdempotencyStore(dataSource);
  }
}

@Injectable()
export class AccessLogStore extends LazyStore<AccessLog> {
  protected build(dataSource: DataSource): AccessLog {
    return new AccessLog(dataSource);
  }
}

@Injectable()
export class InstallationStoreRef extends LazyStore<InstallationStore> {
  protected build(dataSource: DataSource): InstallationStore {
    return new InstallationStore(dataSource);
  }
}

export const STORE_PROVIDERS = [
  DirectoryStore,
  CaseReadModelStore,
  EventStore,
  IdempotencyKeys,
  AccessLogStore,
  InstallationStoreRef,
];

/** The persistence classes the API reads and writes through. */
export interface StoreSet {
  directory: DirectoryRepository;
  cases: CaseReadModel;
  events: CaseEventStore;
  idempotency: IdempotencyStore;
  accessLog: AccessLog;
  installation: InstallationStore;
}

/**
 * Every store at once, for the services not yet moved to injecting the stores they use (cases,
 * schools, students, staff, auth): the same instances as the single-store providers.
 */
@Injectable()
export class Stores {
  constructor(
    private readonly directory: DirectoryStore,
    private readonly cases: CaseReadModelStore,
    private readonly events: EventStore,
    private readonly idempotency: IdempotencyKeys,
    private readonly accessLog: AccessLogStore,
    private readonly installation: InstallationStoreRef,
  ) {}

  async get(): Promise<StoreSet> {
    return {
      directory: await this.directory.get(),
      cases: await this.cases.get(),
      events: await this.events.get(),
      idempotency: await this.idempotency.get(),
      accessLog: await this.accessLog.get(),
      installation: await this.installation.get(),
    };
  }
}
