// Reads an attendance CSV as it arrives and writes PostgreSQL COPY text rows for the staging table,
// never holding more than one chunk and one record. UTF-8 only (a BOM is dropped), `;` or `,` as the
// separator (whichever the header line uses), RFC 4180 quoting. The header is checked before the
// first row: a missing or unknown column fails the stream naming it, so nothing is staged. A row
// with the wrong number of fields is staged with a shape error, so every bad row can be listed.
import { Transform, type TransformCallback } from 'node:stream';
import { STAGING_FIELDS, type StagingField } from '@tiltak/persistence';

/** The columns of the file (header names) and the staging field each fills. */
export const CSV_COLUMNS: Readonly<Record<string, StagingField>> = {
  student_ref: 'student_ref',
  date: 'lesson_date',
  period: 'period',
  subject: 'subject_code',
  teacher_ref: 'teacher_ref',
  status: 'status',
  minutes: 'minutes',
  reason: 'reason',
};
export const REQUIRED_CSV_COLUMNS = ['student_ref', 'date', 'period', 'subject', 'status'] as const;

/** Why the stream stopped; the API turns each into a Norwegian 4xx. */
export class CsvInputError extends Error {
  constructor(
    readonly kind: 'header' | 'encoding' | 'not-csv' | 'too-large' | 'empty',
    message: string,
    readonly columns: { column: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'CsvInputError';
  }
}

const MAX_FIELD_LENGTH = 1000;

export class CsvToCopyStream extends Transform {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private bytes = 0;
  private separator: ';' | ',' | null = null;
  private pendingHeaderText = '';
  private header: (StagingField | null)[] | null = null;
  private fields: string[] = [];
  private field = '';
  private inQuotes = false;
  private quoteSeen = false;
  private line = 1;
  private recordLine = 1;
  private rows = 0;

  constructor(
    private readonly importId: string,
    private readonly maxBytes: number,
  ) {
    super({ readableHighWaterMark: 1 << 16 });
  }

  get rowCount(): number {
    return this.rows;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      done(
        new CsvInputError('too-large', `Filen er større enn ${Math.round(this.maxBytes / 1024 / 1024)} MB.`),
      );
      return;
    }
    let text: string;
    try {
      text = this.decoder.decode(chunk, { stream: true });
    } catch {
      done(new CsvInputError('encoding', 'Filen er ikke gyldig UTF-8. Lagre den som CSV (UTF-8).'));
      return;
    }
    try {
      this.consume(text);
      this.flushOut();
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      const rest = this.decoder.decode();
      this.consume(rest);
      if (this.separator === null) this.startWith(this.pendingHeaderText);
      if (this.inQuotes)
        throw new CsvInputError(
          'not-csv',
          `Et felt som begynner på linje ${this.recordLine} mangler avsluttende anførselstegn.`,
        );
      if (this.field !== '' || this.fields.length > 0 || this.quoteSeen) this.endRecord();
      this.flushOut();
      if (this.header === null)
        throw new CsvInputError('empty', 'Filen er tom: den må ha en overskriftslinje og minst én rad.');
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  private consume(text: string): void {
    if (text.includes('\u0000'))
      throw new CsvInputError('not-csv', 'Filen er ikke en CSV-fil (den inneholder binære data).');
    if (this.separator === null) {
      // The separator is whichever the header line uses; wait for the whole line.
      this.pendingHeaderText += text;
      const end = this.pendingHeaderText.indexOf('\n');
      if (end === -1) {
        if (this.pendingHeaderText.length > 10_000) {
          throw new CsvInputError('not-csv', 'Fant ingen overskriftslinje: filen ser ikke ut som CSV.');
        }
        return;
      }
      const all = this.pendingHeaderText;
      this.pendingHeaderText = '';
      this.startWith(all);
      return;
    }
    this.parse(text);
  }

  private startWith(text: string): void {
    const firstLine = text.split('\n', 1)[0] ?? '';
    this.separator = firstLine.includes(';') ? ';' : ',';
    this.parse(text);
  }

  private parse(text: string): void {
    const sep = this.separator;
    for (let i = 0; i < text.length; i++) {
      // Fast path: a whole line without quotes at a record's start is split in one go.
      if (
        !this.inQuotes &&
        !this.pendingQuote &&
        !this.quoteSeen &&
        this.field === '' &&
        this.fields.length === 0
      ) {
        const end = text.indexOf('\n', i);
        if (end !== -1) {
          const raw = text.slice(i, end);
          if (!raw.includes('"')) {
            const fields = (raw.includes('\r') ? raw.replace(/\r/g, '') : raw).split(sep ?? ',');
            if (fields.some((f) => f.length > MAX_FIELD_LENGTH)) this.fieldTooLong();
            this.field = fields.pop() ?? '';
            this.fields = fields;
            this.endRecord();
            this.line++;
            this.recordLine = this.line;
            i = end;
            continue;
          }
        }
      }
      const c = text[i];
      if (this.inQuotes) {
        if (c === '"') {
          if (text[i + 1] === '"') {
            this.field += '"';
            i++;
          } else if (i + 1 === text.length) {
            // A quote at the chunk's end: decided by the next chunk's first character.
            this.inQuotes = false;
            this.quoteSeen = true;
            this.pendingQuote = true;
          } else {
            this.inQuotes = false;
            this.quoteSeen = true;
          }
        } else {
          if (c === '\n') this.line++;
          this.field += c;
          if (this.field.length > MAX_FIELD_LENGTH) this.fieldTooLong();
        }
        continue;
      }
      if (this.pendingQuote) {
        this.pendingQuote = false;
        if (c === '"') {
          // "" split over two chunks: an escaped quote, still inside.
          this.field += '"';
          this.inQuotes = true;
          continue;
        }
      }
      if (c === sep) {
        this.pushField();
      } else if (c === '\n') {
        this.endRecord();
        this.line++;
        this.recordLine = this.line;
      } else if (c === '\r') {
        // CRLF line ends: the \n ends the record.
      } else if (c === '"' && this.field === '' && !this.quoteSeen) {
        this.inQuotes = true;
      } else {
        this.field += c;
      }
      if (this.field.length > MAX_FIELD_LENGTH) this.fieldTooLong();
    }
  }

  private fieldTooLong(): never {
    throw new CsvInputError(
      'not-csv',
      `Linje ${this.recordLine} har et felt lengre enn ${MAX_FIELD_LENGTH} tegn: filen ser ikke ut som en fraværseksport.`,
    );
  }

  private pendingQuote = false;
  /** For each staging field, its column in the file (-1: not in the file). */
  private columnOf: number[] = [];
  /** COPY rows of the current chunk, pushed as one. */
  private out: string[] = [];

  private flushOut(): void {
    if (this.out.length) this.push(this.out.join(''));
    this.out = [];
  }

  private pushField(): void {
    this.fields.push(this.field);
    this.field = '';
    this.quoteSeen = false;
  }

  private endRecord(): void {
    this.pushField();
    const fields = this.fields;
    this.fields = [];
    if (fields.length === 1 && fields[0] === '') return; // a blank line
    if (this.header === null) {
      this.header = this.readHeader(fields);
      return;
    }
    this.rows++;
    const header = this.header;
    const shapeError =
      fields.length === header.length ? null : `har ${fields.length} felt, overskriften har ${header.length}`;
    const columns: (string | null)[] = [this.importId, String(this.recordLine)];
    for (const index of this.columnOf) columns.push(index < 0 ? null : (fields[index] ?? '').trim());
    columns.push(shapeError);
    this.out.push(`${columns.map(copyValue).join('\t')}\n`);
  }

  private readHeader(fields: string[]): (StagingField | null)[] {
    const names = fields.map((f) => f.trim().toLowerCase());
    const problems: { column: string; message: string }[] = [];
    names.forEach((name, index) => {
      if (!(name in CSV_COLUMNS))
        problems.push({ column: name || `(kolonne ${index + 1})`, message: 'ukjent kolonne' });
      else if (names.indexOf(name) !== index) problems.push({ column: name, message: 'står to ganger' });
    });
    for (const required of REQUIRED_CSV_COLUMNS) {
      if (!names.includes(required)) problems.push({ column: required, message: 'mangler' });
    }
    if (problems.length) {
      throw new CsvInputError(
        'header',
        `Overskriftslinjen stemmer ikke: ${problems.map((p) => `${p.column} ${p.message}`).join(', ')}. Kolonnene er ${Object.keys(CSV_COLUMNS).join(', ')}.`,
        problems,
      );
    }
    const targets = names.map((n) => CSV_COLUMNS[n] ?? null);
    this.columnOf = STAGING_FIELDS.map((f) => targets.indexOf(f));
    return targets;
  }
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** One value in COPY's text format: \N for null, backslash escapes for the characters it uses. */
export function copyValue(value: string | null): string {
  if (value === null) return '\\N';
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}
