import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { migratedTestDatabase } from '../testing/test-database';
import { IdempotencyStore } from './idempotency.store';

describe('IdempotencyStore', () => {
  let dataSource: DataSource;
  let store: IdempotencyStore;
  const caller = randomUUID();
  const request = ['POST', '/cases/c-1/events', 'sha256:one'] as const;

  beforeAll(async () => {
    // Enough connections that the concurrent calls really run at the same time.
    ({ dataSource } = await migratedTestDatabase({ poolSize: 25 }));
    store = new IdempotencyStore(dataSource);
  });
  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('tells exactly one of 20 concurrent requests with one key that it is new', async () => {
    const key = randomUUID();
    const results = await Promise.all(Array.from({ length: 20 }, () => store.begin(caller, key, ...request)));
    expect(results.filter((r) => r.state === 'new')).toHaveLength(1);
    expect(results.filter((r) => r.state === 'in-progress')).toHaveLength(19);
  });

  it('replays the stored response once completed', async () => {
    const key = randomUUID();
    expect(await store.begin(caller, key, ...request)).toEqual({ state: 'new' });
    expect(await store.complete(caller, key, { status: 201, body: [{ eventId: 'e-1' }] })).toBe(true);
    expect(await store.begin(caller, key, ...request)).toEqual({
      state: 'completed',
      status: 201,
      body: [{ eventId: 'e-1' }],
    });
    // Completing twice changes nothing.
    expect(await store.complete(caller, key, { status: 500, body: null })).toBe(false);
    expect(await store.begin(caller, key, ...request)).toMatchObject({ state: 'completed', status: 201 });
  });

  it('calls a key reused for another request a mismatch', async () => {
    const key = randomUUID();
    await store.begin(caller, key, ...request);
    expect(await store.begin(caller, key, 'POST', '/cases/c-1/events', 'sha256:two')).toEqual({
      state: 'mismatch',
    });
    expect(await store.begin(caller, key, 'POST', '/cases/c-2/events', 'sha256:one')).toEqual({
      state: 'mismatch',
    });
  });

  it('keeps keys apart per caller', async () => {
    const key = randomUUID();
    expect(await store.begin(caller, key, ...request)).toEqual({ state: 'new' });
    expect(await store.begin(randomUUID(), key, ...request)).toEqual({ state: 'new' });
  });

  it('lets a retry start anew after the first attempt was abandoned, but never forgets a completed one', async () => {
    const key = randomUUID();
    await store.begin(caller, key, ...request);
    expect(await store.abandon(caller, key)).toBe(true);
    expect(await store.begin(caller, key, ...request)).toEqual({ state: 'new' });
    await store.complete(caller, key, { status: 201, body: { ok: true } });
    expect(await store.abandon(caller, key)).toBe(false);
    expect(await store.begin(caller, key, ...request)).toMatchObject({ state: 'completed' });
  });

  it('hands an in-progress key left by a dead process to exactly one later request', async () => {
    const key = randomUUID();
    expect(await store.begin(caller, key, ...request)).toEqual({ state: 'new' });
    expect(await store.begin(caller, key, ...request)).toEqual({ state: 'in-progress' });
    // The process that began it died an hour ago (the default timeout is 5 minutes).
    await dataSource.query(
      `UPDATE idempotency_keys SET created_at = now() - interval '1 hour' WHERE key = $1`,
      [key],
    );
    const results = await Promise.all(Array.from({ length: 10 }, () => store.begin(caller, key, ...request)));
    expect(results.filter((r) => r.state === 'new')).toHaveLength(1);
    expect(results.filter((r) => r.state === 'in-progress')).toHaveLength(9);
  });

  it('writes the access-log row with the first look at a key, in one statement, whatever the key says', async () => {
    const key = randomUUID();
    const resourceId = randomUUID();
    const access = {
      staffId: caller,
      role: 'contact-teacher',
      action: 'case.record-event',
      resourceType: 'case',
      resourceId,
      outcome: 'allowed' as const,
      reason: null,
    };
    expect(await store.beginLogged(access, caller, key, ...request)).toEqual({ state: 'new' });
    expect(await store.beginLogged(access, caller, key, ...request)).toEqual({ state: 'in-progress' });
    await store.complete(caller, key, { status: 201, body: { ok: true } });
    expect(await store.beginLogged(access, caller, key, ...request)).toMatchObject({ state: 'completed' });
    expect(await store.beginLogged(access, caller, key, 'POST', '/cases/c-1/events', 'sha256:two')).toEqual({
      state: 'mismatch',
    });
    const rows = (await dataSource.query(
      `SELECT staff_id, role, action, resource_type, outcome, reason FROM access_log WHERE resource_id = $1`,
      [resourceId],
    )) as unknown[];
    expect(rows).toHaveLength(4);
    expect(rows[0]).toEqual({
      staff_id: caller,
      role: 'contact-teacher',
      action: 'case.record-event',
      resource_type: 'case',
      outcome: 'allowed',
      reason: null,
    });
  });

  it('writes neither the row nor the key when the statement fails', async () => {
    const key = randomUUID();
    const resourceId = randomUUID();
    const refused = {
      staffId: caller,
      role: 'contact-teacher',
      action: 'case.record-event',
      resourceType: 'case',
      resourceId,
      // The table's CHECK refuses it: the statement fails as a whole.
      outcome: 'maybe' as 'allowed',
    };
    await expect(store.beginLogged(refused, caller, key, ...request)).rejects.toThrow();
    expect(
      await dataSource.query(`SELECT 1 FROM access_log WHERE resource_id = $1`, [resourceId]),
    ).toHaveLength(0);
    expect(await dataSource.query(`SELECT 1 FROM idempotency_keys WHERE key = $1`, [key])).toHaveLength(0);
  });

  it('purges keys created before a cutoff', async () => {
    const key = randomUUID();
    await store.begin(caller, key, ...request);
    expect(await store.purgeCreatedBefore(new Date(Date.now() + 60_000))).toBeGreaterThanOrEqual(1);
    expect(await store.begin(caller, key, ...request)).toEqual({ state: 'new' });
  });
});
