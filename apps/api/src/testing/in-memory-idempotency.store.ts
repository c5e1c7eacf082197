// The IdempotencyStore's contract in memory, for unit tests of the services that use it.
import type { AccessLogInput, IdempotencyBeginResult } from '@tiltak/persistence';

interface Entry {
  method: string;
  path: string;
  requestHash: string;
  response: { status: number; body: unknown } | null;
}

export class InMemoryIdempotencyStore {
  readonly entries = new Map<string, Entry>();
  /** The access-log rows written with `beginLogged`. */
  readonly logged: AccessLogInput[] = [];

  async beginLogged(
    access: AccessLogInput,
    callerId: string,
    key: string,
    method: string,
    path: string,
    requestHash: string,
  ): Promise<IdempotencyBeginResult> {
    this.logged.push(access);
    return this.begin(callerId, key, method, path, requestHash);
  }

  async begin(
    callerId: string,
    key: string,
    method: string,
    path: string,
    requestHash: string,
  ): Promise<IdempotencyBeginResult> {
    const id = `${callerId}\n${key}`;
    const existing = this.entries.get(id);
    if (!existing) {
      this.entries.set(id, { method, path, requestHash, response: null });
      return { state: 'new' };
    }
    if (existing.method !== method || existing.path !== path || existing.requestHash !== requestHash)
      return { state: 'mismatch' };
    return existing.response ? { state: 'completed', ...existing.response } : { state: 'in-progress' };
  }

  async complete(
    callerId: string,
    key: string,
    response: { status: number; body: unknown },
  ): Promise<boolean> {
    const entry = this.entries.get(`${callerId}\n${key}`);
    if (!entry || entry.response) return false;
    // Stored as JSON, like the jsonb column.
    entry.response = { status: response.status, body: JSON.parse(JSON.stringify(response.body)) as unknown };
    return true;
  }

  async abandon(callerId: string, key: string): Promise<boolean> {
    const id = `${callerId}\n${key}`;
    if (this.entries.get(id)?.response !== null) return false;
    return this.entries.delete(id);
  }
}
