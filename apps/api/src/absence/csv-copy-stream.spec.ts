import { Readable } from 'node:stream';
import { CsvInputError, CsvToCopyStream, copyValue } from './csv-copy-stream';

const ID = '00000000-0000-4000-8000-000000000001';

async function run(chunks: (string | Buffer)[], maxBytes = 1 << 20): Promise<string[][]> {
  const stream = new CsvToCopyStream(ID, maxBytes);
  const out: string[] = [];
  Readable.from(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : c))).pipe(stream);
  for await (const line of stream) out.push(String(line));
  return out
    .join('')
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split('\t'));
}

async function failure(chunks: (string | Buffer)[], maxBytes?: number): Promise<CsvInputError> {
  try {
    await run(chunks, maxBytes);
  } catch (err) {
    if (err instanceof CsvInputError) return err;
    throw err;
  }
  throw new Error('expected the stream to fail');
}

const HEADER = 'student_ref;date;period;subject;teacher_ref;status;minutes;reason\n';

describe('CsvToCopyStream', () => {
  it('turns `;`-separated rows into COPY rows with import id and line number', async () => {
    const rows = await run([
      HEADER,
      'E1;2026-11-23;1;MAT;T1;absent;;illness\n',
      'E1;2026-11-23;2;NOR;;late;10;\n',
    ]);
    expect(rows).toEqual([
      [ID, '2', 'E1', '2026-11-23', '1', 'MAT', 'T1', 'absent', '', 'illness', '\\N'],
      [ID, '3', 'E1', '2026-11-23', '2', 'NOR', '', 'late', '10', '', '\\N'],
    ]);
  });

  it('reads `,`, a BOM, CRLF, quotes and columns in any order; absent optional columns are null', async () => {
    const rows = await run([
      '\uFEFFstatus,"student_ref",date,period,subject\r\n',
      '"absent","E ""2""",2026-11-23,1,"MAT,1"\r\n',
    ]);
    expect(rows).toEqual([
      [ID, '2', 'E "2"', '2026-11-23', '1', 'MAT,1', '\\N', 'absent', '\\N', '\\N', '\\N'],
    ]);
  });

  it('handles chunks split anywhere, inside a quote, a multi-byte letter or the header', async () => {
    const text = `${HEADER}"Ø1";2026-11-23;1;"M""A";;present;;\nE2;2026-11-24;1;NOR;;absent;;unknown\n`;
    const bytes = Buffer.from(text, 'utf8');
    const whole = await run([bytes]);
    for (const at of [1, 5, 70, 71, 72, 75, 77, 80]) {
      expect(await run([bytes.subarray(0, at), bytes.subarray(at)])).toEqual(whole);
    }
    expect(whole[0]?.[2]).toBe('Ø1');
    expect(whole[0]?.[5]).toBe('M"A');
  });

  it('counts physical lines, skips blank lines and keeps a wrong field count as a shape error', async () => {
    const rows = await run([
      HEADER,
      '\n',
      'E1;2026-11-23;1;"MA\nT";T1;absent;;\n',
      'E1;2026-11-23\n',
      'E1;2026-11-23;3;NOR;T;absent;;;extra',
    ]);
    expect(rows.map((r) => [r[1], r[10]])).toEqual([
      ['3', '\\N'],
      ['5', 'har 2 felt, overskriften har 8'],
      ['6', 'har 9 felt, overskriften har 8'],
    ]);
    expect(rows[0]?.[5]).toBe('MA\\nT');
  });

  it('names unknown, duplicate and missing columns', async () => {
    const err = await failure(['student_ref;dato;period;status;status\nE1;x;1;absent;absent\n']);
    expect(err.kind).toBe('header');
    expect(err.columns).toEqual([
      { column: 'dato', message: 'ukjent kolonne' },
      { column: 'status', message: 'står to ganger' },
      { column: 'date', message: 'mangler' },
      { column: 'subject', message: 'mangler' },
    ]);
  });

  it('refuses invalid UTF-8, binary data, an empty file and a file over the limit', async () => {
    expect((await failure([Buffer.from([0x73, 0x74, 0xff, 0xfe, 0x0a])])).kind).toBe('encoding');
    expect((await failure([Buffer.from('PK\u0003\u0004\u0000\u0000', 'latin1')])).kind).toBe('not-csv');
    expect((await failure([''])).kind).toBe('empty');
    expect((await failure([HEADER, 'E1;2026-11-23;1;MAT;T1;absent;;\n'], 80)).kind).toBe('too-large');
    expect((await failure([HEADER, 'E1;"2026-11-23;1\n'])).kind).toBe('not-csv');
  });

  it('escapes COPY text', () => {
    expect(copyValue('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    expect(copyValue(null)).toBe('\\N');
  });
});
