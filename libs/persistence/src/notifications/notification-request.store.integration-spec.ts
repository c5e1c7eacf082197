import type { DataSource } from 'typeorm';
import { aNotificationRequest } from '../testing/case-fixtures';
import { migratedTestDatabase } from '../testing/test-database';
import { NotificationRequestStore } from './notification-request.store';

describe('NotificationRequestStore', () => {
  let dataSource: DataSource;
  let store: NotificationRequestStore;

  beforeAll(async () => {
    ({ dataSource } = await migratedTestDatabase());
    store = new NotificationRequestStore(dataSource);
  });
  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('stores each request once, by key, and hands out the undispatched ones oldest first', async () => {
    const later = aNotificationRequest({
      requestedAt: '2026-11-23T13:00:00.000Z',
      roles: ['contact-teacher', 'school-leadership'],
    });
    const earlier = aNotificationRequest({ kind: 'case-opened', deadlineKind: null, dueAt: null });

    expect(await store.enqueue([later, earlier])).toBe(2);
    expect(await store.enqueue([later, earlier])).toBe(0);
    expect(await store.enqueue([])).toBe(0);

    expect(await store.pending(10)).toEqual([earlier, later]);

    expect(await store.markDispatched([earlier.key])).toBe(1);
    expect(await store.markDispatched([earlier.key])).toBe(0);
    expect(await store.pending(10)).toEqual([later]);
    await store.markDispatched([later.key]);
  });

  it('gives concurrent dispatchers different requests', async () => {
    const requests = [1, 2, 3, 4].map((n) =>
      aNotificationRequest({ requestedAt: `2026-11-24T0${n}:00:00.000Z` }),
    );
    await store.enqueue(requests);
    const keys = requests.map((r) => r.key);

    const runner = dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const first = await store.pending(2, runner.manager);
      const second = await dataSource.transaction((manager) => store.pending(10, manager));
      expect(first.map((r) => r.key)).toEqual(keys.slice(0, 2));
      expect(second.map((r) => r.key)).toEqual(keys.slice(2));
      await store.markDispatched(
        first.map((r) => r.key),
        runner.manager,
      );
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    expect((await store.pending(10)).map((r) => r.key)).toEqual(keys.slice(2));
  });
});
