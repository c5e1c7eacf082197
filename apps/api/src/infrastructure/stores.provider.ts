import { Injectable } from '@nestjs/common';
import {
  AbsenceStore,
  ProposalStore,
  AccessLog,
  CaseEventStore,
  CaseReadModel,
  DirectoryRepository,
  IdempotencyStore,
  InstallationStore,
  SignInStore,
} from '@tiltak/persistence';
import type { DataSource } from 'typeorm';
import { Database } from './database.provider';

/**
 * One persistence store, injected where it is used so that each service's constructor says what it
 * reads and writes. TypeORM needs an initialised DataSource, so the store is built on first use rather
 * than at start-up: the API starts (and reports not-ready) while PostgreSQL is still down.
 */
export interface LazyStore<T> {
  get(): Promise<T>;
}

/** The injectable class of one lazily built store (the class is its DI token). */
function lazyStore<T>(build: (dataSource: DataSource) => T): new (database: Database) => LazyStore<T> {
  @Injectable()
  class Store implements LazyStore<T> {
    private built: T | null = null;

    constructor(private readonly database: Database) {}

    async get(): Promise<T> {
      if (this.built) return this.built;
      const dataSource = await this.database.ready();
      this.built ??= build(dataSource);
      return this.built;
    }
  }
  return Store;
}

export class DirectoryStore extends lazyStore((ds) => new DirectoryRepository(ds)) {}
export class CaseReadModelStore extends lazyStore((ds) => new CaseReadModel(ds)) {}
export class EventStore extends lazyStore((ds) => new CaseEventStore(ds)) {}
export class IdempotencyKeys extends lazyStore((ds) => new IdempotencyStore(ds)) {}
export class AccessLogStore extends lazyStore((ds) => new AccessLog(ds)) {}
export class InstallationStoreRef extends lazyStore((ds) => new InstallationStore(ds)) {}
export class SignInStoreRef extends lazyStore((ds) => new SignInStore(ds)) {}
export class AbsenceStoreRef extends lazyStore((ds) => new AbsenceStore(ds)) {}
export class ProposalStoreRef extends lazyStore((ds) => new ProposalStore(ds)) {}

export const STORE_PROVIDERS = [
  DirectoryStore,
  CaseReadModelStore,
  EventStore,
  IdempotencyKeys,
  AccessLogStore,
  InstallationStoreRef,
  SignInStoreRef,
  AbsenceStoreRef,
  ProposalStoreRef,
];
