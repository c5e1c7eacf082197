// The case's read-model row is written by its workflow in the background and can lag (ADR 0003): a case
// the API has just answered 201 for must still be found by the teacher who opened it, and stay hidden
// from everyone the access rules keep out, while that row is missing.
import { randomUUID } from 'node:crypto';
import { runMigrations, createDataSource } from '@tiltak/persistence';
import { shortTestPolicy } from '@tiltak/domain/testing';
import { createTestDatabase } from '@tiltak/testing';
import type { DataSource } from 'typeorm';
import { DEMO_STAFF, DEMO_STUDENTS } from '../../../apps/api/src/demo/demo-data';
import { startApiHarness, type ApiHarness } from './api-harness';
import { countRows, events, get, openCase, post, waitFor } from './case-scenarios';

let h: ApiHarness;
/** As the database owner (as a broken migration or an operator would be): deletes what the app may not. */
let owner: DataSource;
const tokens = {} as Record<'opener' | 'sameSchool' | 'otherSchool', string>;

beforeAll(async () => {
  const db = await createTestDatabase('api');
  await runMigrations(db.migrationUrl, { appRole: db.appRole });
  h = await startApiHarness({ policy: shortTestPolicy(600), env: { DATABASE_URL: db.url } });
  owner = createDataSource(db.migrationUrl, { applicationName: 'api-e2e-owner' });
  await owner.initialize();
  tokens.opener = await h.token(DEMO_STAFF.fjordvikTeacher5A.id);
  tokens.sameSchool = await h.token(DEMO_STAFF.fjordvikTeacher5B.id);
  tokens.otherSchool = await h.token(DEMO_STAFF.bakkeliTeacher9A.id);
});

afterAll(async () => {
  if (h) h.worker.failPersist = false;
  await owner?.destroy();
  await h?.close();
});

const rows = (caseId: string) =>
  countRows(h, 'SELECT count(*)::int AS n FROM cases WHERE case_id = $1', [caseId]);
const denials = (caseId: string, staffId: string) =>
  countRows(
    h,
    `SELECT count(*)::int AS n FROM access_log WHERE resource_id = $1 AND staff_id = $2 AND outcome = 'denied'`,
    [caseId, staffId],
  );

/** Other teachers, of the same and of another school: 404 on every case endpoint, each denial logged. */
async function expectHiddenFromOthers(caseId: string): Promise<void> {
  for (const [who, staffId] of [
    ['sameSchool', DEMO_STAFF.fjordvikTeacher5B.id],
    ['otherSchool', DEMO_STAFF.bakkeliTeacher9A.id],
  ] as const) {
    const before = await denials(caseId, staffId);
    const read = await get(h, tokens[who], `/api/cases/${caseId}`);
    expect(read.status).toBe(404);
    expect(read.body).toMatchObject({ code: 'NOT_FOUND', message: 'Fant ikke saken.' });
    const posted = await post(
      h,
      tokens[who],
      `/api/cases/${caseId}/events`,
      events.note('Ikke min sak.'),
      randomUUID(),
    );
    expect(posted.status).toBe(404);
    expect((await get(h, tokens[who], `/api/cases/${caseId}/timeline`)).status).toBe(404);
    expect(await denials(caseId, staffId)).toBe(before + 3);
  }
}

it('finds a case whose first read-model write is still retrying, for its owner only', async () => {
  h.worker.failPersist = true;
  let caseId: string;
  let location: string;
  try {
    caseId = await openCase(h, tokens.opener, DEMO_STUDENTS.mia.id);
    // The row is not there: this is the state that answered 404 before.
    expect(await rows(caseId)).toBe(0);

    const read = await get(h, tokens.opener, `/api/cases/${caseId}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ caseId, step: 1, status: 'open' });

    const note = await post(
      h,
      tokens.opener,
      `/api/cases/${caseId}/events`,
      events.note('Ringte hjem.'),
      randomUUID(),
    );
    // Accepted by the workflow; stored once PostgreSQL takes writes again.
    expect(note.status).toBe(202);
    location = new URL(note.headers['location'] as string).pathname;
    expect((await get(h, tokens.opener, location)).status).toBe(202);

    await expectHiddenFromOthers(caseId);
    expect(await rows(caseId)).toBe(0);
  } finally {
    h.worker.failPersist = false;
  }
  const stored = await waitFor(
    async () => {
      const res = await get(h, tokens.opener, location);
      return res.status === 200 ? res : null;
    },
    90_000,
    'the note to be stored once persistence recovers',
  );
  expect(stored.body.event).toMatchObject({ type: 'note-added', payload: { text: 'Ringte hjem.' } });
  expect(await rows(caseId)).toBe(1);
  await expectHiddenFromOthers(caseId);
}, 150_000);

it('finds a case whose read-model row is gone while its workflow runs, for its owner only', async () => {
  const caseId = await openCase(h, tokens.opener, DEMO_STUDENTS.noah.id);
  await waitFor(async () => (await rows(caseId)) === 1, 30_000, 'the case row');
  await owner.query('DELETE FROM cases WHERE case_id = $1', [caseId]);

  const read = await get(h, tokens.opener, `/api/cases/${caseId}`);
  expect(read.status).toBe(200);
  expect(read.body).toMatchObject({ caseId, step: 1, source: 'live' });
  await expectHiddenFromOthers(caseId);

  const note = await post(
    h,
    tokens.opener,
    `/api/cases/${caseId}/events`,
    events.note('Møtte eleven.'),
    randomUUID(),
  );
  expect(note.status).toBe(201);
  // The workflow's write of that event upserts the row again.
  expect(await rows(caseId)).toBe(1);
}, 90_000);

it('still answers 404 for a case nobody opened', async () => {
  const missing = randomUUID();
  const read = await get(h, tokens.opener, `/api/cases/${missing}`);
  expect(read.status).toBe(404);
  expect(read.body).toMatchObject({ code: 'NOT_FOUND', message: 'Fant ikke saken.' });
  const posted = await post(
    h,
    tokens.opener,
    `/api/cases/${missing}/events`,
    events.note('Hvilken sak?'),
    randomUUID(),
  );
  expect(posted.status).toBe(404);
  expect(await denials(missing, DEMO_STAFF.fjordvikTeacher5A.id)).toBe(2);
});
