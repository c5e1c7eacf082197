// An absence import is never stranded and a large upload is not cut by the ordinary request timeout
// (issue 10), against the real PostgreSQL and Temporal dev server: an import that arrives while
// Temporal is away is accepted (202, `received`) and started later — by a read of it, or by the daily
// run's sweep — and a slow 20 MB upload outlives API_REQUEST_TIMEOUT_MS, while a trickled JSON request
// is still cut at it.
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { request as httpRequest } from 'node:http';
import { Readable } from 'node:stream';
import { addDays, osloDate } from '@tiltak/domain';
import { attendanceCsv, schoolDaysBetween, type GeneratedRecord } from '@tiltak/domain/testing';
import request from 'supertest';
import { ABSENCE_DETECTION_WORKFLOW_TYPE } from '@tiltak/workflows';
import { DEMO_SCHOOLS, DEMO_STAFF, DEMO_STUDENTS } from '../../../apps/api/src/demo/demo-data';
import { TemporalClient } from '../../../apps/api/src/infrastructure/temporal-client.provider';
import { startApiHarness, type ApiHarness } from './api-harness';
import { waitFor } from './case-scenarios';

jest.setTimeout(180_000);

const B = DEMO_SCHOOLS.bakkeli.id;
const today = osloDate(new Date().toISOString());
const days = schoolDaysBetween(addDays(today, -20), today);

let up: ApiHarness;
let down: ApiHarness;
let port: number;

beforeAll(async () => {
  up = await startApiHarness({
    env: {
      API_REQUEST_TIMEOUT_MS: '2000',
      API_HEADERS_TIMEOUT_MS: '1000',
      API_UPLOAD_REQUEST_TIMEOUT_MS: '120000',
    },
  });
  await new Promise<void>((resolve) => up.http.listen(0, '127.0.0.1', resolve));
  port = (up.http.address() as AddressInfo).port;
  down = await startApiHarness({
    withoutWorker: true,
    env: { DATABASE_URL: up.config.databaseUrl, TEMPORAL_ADDRESS: '127.0.0.1:9' },
  });
});
afterAll(async () => {
  await down?.close();
  await up?.close();
});

function lessons(ref: string, status: GeneratedRecord['status'] = 'present'): GeneratedRecord[] {
  return days.flatMap((date) =>
    [1, 2, 3, 4, 5, 6].map((period) => ({
      studentRef: ref,
      date,
      period,
      subjectCode: 'MAT',
      teacherRef: null,
      status,
      minutes: null,
      reason: null,
    })),
  );
}

async function importWhileTemporalIsAway(csv: string): Promise<string> {
  const token = await down.token(DEMO_STAFF.bakkeliLeader.id);
  const res = await request(down.http)
    .post(`/api/schools/${B}/absence-imports`)
    .set('Authorization', `Bearer ${token}`)
    .set('Content-Type', 'text/csv')
    .send(csv);
  expect(res.status).toBe(202);
  expect(res.body).toMatchObject({ status: 'received', rowsRead: days.length * 6, finished: false });
  return res.body.id as string;
}

const readImport = async (importId: string) =>
  request(up.http)
    .get(`/api/schools/${B}/absence-imports/${importId}`)
    .set('Authorization', `Bearer ${await up.token(DEMO_STAFF.bakkeliLeader.id)}`);

const applied = (importId: string) =>
  waitFor(
    async () => {
      const res = await readImport(importId);
      return res.body.finished ? (res.body as Record<string, unknown>) : null;
    },
    60_000,
    'the stranded import to be applied',
  );

describe('an import that arrives while Temporal is away', () => {
  it('is accepted, and started when it is read again a while later', async () => {
    const importId = await importWhileTemporalIsAway(attendanceCsv(lessons(DEMO_STUDENTS.filip.externalRef)));
    // Nothing runs it yet: it waits, received, however often it is read at once.
    expect((await readImport(importId)).body.status).toBe('received');
    // Half a minute later its workflow evidently never started: a read starts it.
    await up.db.query(`UPDATE absence_imports SET created_at = now() - interval '1 minute' WHERE id = $1`, [
      importId,
    ]);
    await readImport(importId);
    expect(await applied(importId)).toMatchObject({ status: 'applied', rowsApplied: days.length * 6 });
  });

  it('is started by the daily run when nobody reads it', async () => {
    const importId = await importWhileTemporalIsAway(attendanceCsv(lessons(DEMO_STUDENTS.sara.externalRef)));
    await up.db.query(`UPDATE absence_imports SET created_at = now() - interval '11 minutes' WHERE id = $1`, [
      importId,
    ]);
    const client = await up.app.get(TemporalClient).client();
    await client.workflow.execute(ABSENCE_DETECTION_WORKFLOW_TYPE, {
      taskQueue: up.config.temporal.taskQueue,
      workflowId: `absence-detection-sweep-${Date.now()}`,
      args: [],
    });
    const [row] = (await up.db.query(`SELECT status FROM absence_imports WHERE id = $1`, [importId])) as {
      status: string;
    }[];
    // The sweep started the import's own workflow; it runs on after the daily run.
    expect(['received', 'applied']).toContain(row?.status);
    const handle = client.workflow.getHandle(`absence-import-${importId}`);
    await handle.result();
    expect(
      (
        (await up.db.query(`SELECT status FROM absence_imports WHERE id = $1`, [importId])) as {
          status: string;
        }[]
      )[0]?.status,
    ).toBe('applied');
  });
});

describe('a large upload', () => {
  it('outlives the ordinary request timeout, which still cuts a trickled JSON body', async () => {
    const token = await up.token(DEMO_STAFF.bakkeliLeader.id);
    // ~20 MB of valid rows for Lukas, sent over about 4 s: twice the 2 s request timeout.
    const header = 'student_ref;date;period;subject;status\n';
    const ref = DEMO_STUDENTS.lukas.externalRef;
    const line = (i: number) =>
      `${ref};${days[i % days.length]};${1 + (Math.floor(i / days.length) % 20)};MAT;present\n`;
    const chunks: string[] = [header];
    let size = header.length;
    for (let i = 0; size < 20 * 1024 * 1024; i += 1) {
      const block = Array.from({ length: 2000 }, (_, k) => line(i * 2000 + k)).join('');
      chunks.push(block);
      size += block.length;
    }
    const pause = (4_000 / chunks.length) | 0;
    const body = Readable.from(
      (async function* () {
        for (const c of chunks) {
          yield c;
          await new Promise((resolve) => setTimeout(resolve, pause));
        }
      })(),
    );
    const startedAt = Date.now();
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: `/api/schools/${B}/absence-imports?invalidRows=skip`,
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'text/csv' },
        },
        (res) => {
          let text = '';
          res.on('data', (d: Buffer) => (text += d.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      body.pipe(req);
    });
    expect(Date.now() - startedAt).toBeGreaterThan(2_500);
    expect(answer.status).toBe(202);
    expect(JSON.parse(answer.body)).toMatchObject({ rowsRead: (chunks.length - 1) * 2000 });

    const cut = await new Promise<{ response: string; afterMs: number }>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      let response = '';
      const opened = Date.now();
      socket.on('data', (d) => (response += d.toString('latin1')));
      socket.on('error', () => undefined);
      socket.on('close', () => resolve({ response, afterMs: Date.now() - opened }));
      socket.on('connect', () => {
        socket.write(
          'POST /api/cases HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n',
        );
        const timer = setInterval(() => (socket.destroyed ? clearInterval(timer) : socket.write(' ')), 100);
      });
    });
    expect(cut.response).toMatch(/^HTTP\/1\.1 408/);
    expect(cut.afterMs).toBeGreaterThanOrEqual(1_900);
    expect(cut.afterMs).toBeLessThan(8_000);
  });
});
