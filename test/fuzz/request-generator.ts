// Generated requests for every OpenAPI operation: a valid-ish request built from the document's
// schemas, then mutated the way careless, hostile or broken clients send them. Seeded, so a failure
// is reproducible: the same seed gives the same requests.

/** A small, fast, seedable PRNG (mulberry32). */
export function prng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick<T>(items: readonly T[]): T {
      if (!items.length) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
    chance: (p) => next() < p,
    uuid: () => {
      const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16)).join('');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
    },
  };
}

export interface Rng {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  uuid(): string;
}

/** A stable 32-bit hash, to give each operation its own stream from one seed. */
export function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  oneOf?: Schema[];
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: Schema | boolean;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  maxItems?: number;
  pattern?: string;
  example?: unknown;
  nullable?: boolean;
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body: Schema | null;
  public: boolean;
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Parameter[];
        requestBody?: { content?: Record<string, { schema?: Schema }> };
        security?: unknown[];
      }
    >
  >;
  components: { schemas: Record<string, Schema> };
}

export function operationsOf(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      parameters: op.parameters ?? [],
      body: op.requestBody?.content?.['application/json']?.schema ?? null,
      public: path.startsWith('/api/health'),
    })),
  );
}

/** Ids the running system knows, so that generated requests reach past the 404s. */
export interface FuzzContext {
  caseIds: string[];
  studentIds: string[];
  schoolIds: string[];
  staffIds: string[];
  eventIds: string[];
  /** Payloads the codec encrypted with the real key, in the codec's JSON form. */
  encryptedPayloads: unknown[];
  /** Authorization header values: valid tokens of several roles and both schools… */
  authorizations: string[];
  /** The Authorization of each case's owner. */
  ownerOf: Record<string, string>;
  /** …and none, garbage, unknown subjects (a quarter of the requests). */
  oddAuthorizations: (string | null)[];
}

export interface FuzzRequest {
  method: string;
  /** Path and query, as sent on the wire (already percent-encoded where meant). */
  path: string;
  headers: Record<string, string>;
  body: Buffer | null;
  /** What was done to the request, for the failure report. */
  label: string;
}

// Strings a person might type, and strings nobody types: control characters, lone surrogates,
// direction overrides, long text, look-alikes of other types.
const NASTY_STRINGS = [
  'før\u0000etter',
  '\u0000',
  'ding\u0007',
  '\u001b[31mred',
  'del\u007f',
  '\uD800',
  'a\uDBFFb',
  '\uDC00',
  '\uDE00\uD83D',
  '\u202Eevil',
  'مرحبا بالعالم',
  '👨‍👩‍👧‍👦🏳️‍🌈',
  'e\u0301',
  '\u200B',
  '\uFEFFbom',
  '\u2028\u2029',
  'x'.repeat(10_000),
  'ø'.repeat(2_001),
  '',
  ' ',
  '\t\n\r',
  '%00',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '${jndi:ldap://x}',
  'NaN',
  'Infinity',
  '1e-7',
  'null',
  'true',
  '{}',
  '[]',
  '2026-02-30',
  '2026-11-23T25:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '0000-00-00',
  'd0000000-0000-4000-8000-000000000001',
  '00000000-0000-0000-0000-000000000000',
  'not-an-email',
  'a@b',
  'ingrid\uD800@example.no',
  'ola@exa\u0000mple.no',
  '"quoted"@example.no',
];

const NASTY_NUMBERS = [
  1e-7,
  2.5e-8,
  1e-300,
  5e-324,
  1e21,
  1e308,
  -1e308,
  -0,
  0.30000000000000004,
  12.3456789,
  -1,
  0,
  100.0001,
  2 ** 53 + 1,
  1.2345678901234568e29,
];

const WRONG_TYPES: unknown[] = [123, -1, true, false, null, [], {}, 'text', [1, 2], { a: 1 }, 1e-7];

const ODD_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'extra',
  'status',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '',
  ' ',
  '\u0000',
  'a.b',
  '0',
  '\uD800',
];

const MALFORMED_JSON = [
  '{',
  '{"a":}',
  "{'a':1}",
  '[1,]',
  'nul',
  'undefined',
  '\uFEFF{}',
  '{"a":1}{"b":2}',
  '{"a":"\\x"}',
  '{"a":"\\uD800"}',
  '{"a":1e999}',
  '{"a":-}',
  '',
  ' ',
  '""',
  '123',
  'null',
  'true',
  '"string"',
  '[]',
  '{"a":"\u0000"}',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
];

const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/json; charset=ascii',
  'application/xml',
  'application/merge-patch+json',
  'application/vnd.api+json',
  'application/json; charset=nonsense',
];

const ODD_PATH_SEGMENTS = [
  'not-a-uuid',
  '1',
  '0',
  '-1',
  '%00',
  'a%00b',
  '%2F',
  '..%2F..%2Fetc',
  '%ED%A0%80',
  '%C0%AF',
  '%',
  '%zz',
  'a'.repeat(300),
  'D0000000-0000-4000-8000-000000000001',
  '00000000-0000-0000-0000-000000000000',
  'd0000000-0000-4000-8000-00000000000',
  'd0000000-0000-4000-8000-0000000000001',
  '%20',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  '%E2%80%AE',
  '1e-7',
  '2026-2027',
  '2026-2028',
  '9999-10000',
  '0000-0001',
  '2026-20270',
];

// Already percent-encoded as sent on the wire: some decode to what no person types.
const ODD_QUERY_VALUES = [
  '%00',
  'a%00b',
  '%ED%A0%80',
  '%',
  '%zz',
  '1e-7',
  '1e400',
  'NaN',
  '-1',
  '0',
  '99999999999999999999',
  '0x1',
  'true',
  '',
  '%20',
  'a'.repeat(3000),
  '%E2%80%AE',
  '%07',
  'not-a-uuid',
  '2026-02-30',
  'closed',
  '5',
  '3.5',
];

const ODD_IDEMPOTENCY_KEYS = [
  '',
  ' ',
  'a'.repeat(201),
  'a'.repeat(200),
  '\u00f8',
  'key with spaces',
  '"q"',
  '\t',
];

export class RequestGenerator {
  constructor(
    private readonly schemas: Record<string, Schema>,
    private readonly context: FuzzContext,
    private readonly rng: Rng,
  ) {}

  request(op: Operation): FuzzRequest {
    const labels: string[] = [];
    const headers: Record<string, string> = {};
    let path = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
      const value = this.pathValue(op.path, name);
      if (value.odd) labels.push(`${name}=${value.text.slice(0, 40)}`);
      return value.text;
    });

    // Often the case's owner, so that requests get past the access check into validation and the workflow.
    const caseId = this.context.caseIds.find((id) => path.includes(id));
    const owner = caseId ? this.context.ownerOf[caseId] : undefined;
    const auth =
      owner && this.rng.chance(0.5)
        ? owner
        : this.rng.chance(0.75)
          ? this.rng.pick(this.context.authorizations)
          : this.rng.pick(this.context.oddAuthorizations);
    if (auth !== null) headers['Authorization'] = auth;
    labels.unshift(
      auth === null ? 'no token' : auth === owner ? 'owner' : auth.length < 60 ? `auth ${auth}` : 'token',
    );

    const query = this.query(op, labels);
    if (query) path += `?${query}`;

    for (const p of op.parameters.filter((p) => p.in === 'header')) {
      if (p.name.toLowerCase() === 'idempotency-key') {
        if (this.rng.chance(0.85)) headers['Idempotency-Key'] = this.rng.uuid();
        else if (this.rng.chance(0.7)) {
          headers['Idempotency-Key'] = this.rng.pick(ODD_IDEMPOTENCY_KEYS);
          labels.push(`Idempotency-Key=${JSON.stringify(headers['Idempotency-Key'].slice(0, 20))}`);
        } else labels.push('no Idempotency-Key');
      } else if (this.rng.chance(0.5))
        headers[p.name] = this.rng.pick(['default', '', 'x'.repeat(500), '\u00e6']);
    }
    if (this.rng.chance(0.1))
      headers['X-Request-Id'] = this.rng.pick(['short', 'x'.repeat(100), '../../', 'ok-request-id-1']);
    if (this.rng.chance(0.1))
      headers['Accept'] = this.rng.pick(['text/html', 'application/xml', '*/*', 'text/html;q=0.1']);

    let body: Buffer | null = null;
    if (op.body) body = this.body(op.body, op, headers, labels);
    else if (this.rng.chance(0.05)) {
      body = Buffer.from('{"unexpected":"body"}');
      headers['Content-Type'] = 'application/json';
      labels.push('body on a bodiless operation');
    }
    return { method: op.method, path, headers, body, label: labels.join('; ') };
  }

  private pathValue(template: string, name: string): { text: string; odd: boolean } {
    if (this.rng.chance(0.25)) return { text: this.rng.pick(ODD_PATH_SEGMENTS), odd: true };
    if (this.rng.chance(0.1)) return { text: this.rng.uuid(), odd: true };
    const c = this.context;
    if (name === 'schoolYear') return { text: this.rng.pick(['2026-2027', '2027-2028']), odd: false };
    if (name === 'eventId') return { text: this.rng.pick(c.eventIds), odd: false };
    if (template.startsWith('/api/cases')) return { text: this.rng.pick(c.caseIds), odd: false };
    if (template.startsWith('/api/students')) return { text: this.rng.pick(c.studentIds), odd: false };
    if (template.startsWith('/api/schools')) return { text: this.rng.pick(c.schoolIds), odd: false };
    return { text: this.rng.uuid(), odd: true };
  }

  private query(op: Operation, labels: string[]): string {
    const parts: string[] = [];
    for (const p of op.parameters.filter((p) => p.in === 'query')) {
      if (!this.rng.chance(0.4)) continue;
      if (this.rng.chance(0.3)) {
        const odd = this.rng.pick(ODD_QUERY_VALUES);
        parts.push(`${p.name}=${odd}`);
        labels.push(`?${p.name}=${odd.slice(0, 30)}`);
      } else {
        const value = this.value(p.schema ?? { type: 'string' }, p.name, 0);
        parts.push(`${p.name}=${encodeURIComponent(String(value))}`);
      }
      if (this.rng.chance(0.05)) {
        parts.push(`${p.name}=${encodeURIComponent(String(this.value(p.schema ?? {}, p.name, 0)))}`);
        labels.push(`?${p.name} twice`);
      }
    }
    if (this.rng.chance(0.1)) {
      const odd = this.rng.pick([
        'unknown=1',
        '__proto__=x',
        '__proto__[polluted]=1',
        'constructor[prototype][polluted]=1',
        'a[b][c]=1',
        'limit[]=1',
        '=',
        '&&&',
        '%00=%00',
      ]);
      parts.push(odd);
      labels.push(`?${odd}`);
    }
    return parts.join('&');
  }

  private body(schema: Schema, op: Operation, headers: Record<string, string>, labels: string[]): Buffer {
    const roll = this.rng.next();
    const valid = this.value(schema, '', 0);
    if (roll < 0.12) {
      headers['Content-Type'] = 'application/json';
      labels.push('valid body');
      return Buffer.from(JSON.stringify(valid));
    }
    if (roll < 0.27) {
      // A valid body with one character nobody types slipped into one of its texts.
      headers['Content-Type'] = 'application/json';
      const strings = collectPaths(valid).filter((p) => typeof getAt(valid, p) === 'string');
      if (!strings.length) return Buffer.from(JSON.stringify(valid));
      const at = this.rng.pick(strings);
      const text = getAt(valid, at) as string;
      const char = this.rng.pick(['\u0000', '\u0007', '\u001b', '\u007f', '\uD800', '\uDFFF']);
      const cut = this.rng.int(0, text.length);
      labels.push(`${at.join('.')} gets ${JSON.stringify(char)}`);
      return Buffer.from(JSON.stringify(setAt(valid, at, text.slice(0, cut) + char + text.slice(cut))));
    }
    if (roll < 0.7) {
      headers['Content-Type'] = 'application/json';
      let mutated = valid;
      const n = this.rng.int(1, 3);
      for (let i = 0; i < n; i++) mutated = this.mutate(mutated, labels);
      return Buffer.from(this.withDeepNesting(JSON.stringify(mutated)));
    }
    if (roll < 0.8) {
      headers['Content-Type'] = 'application/json';
      const depth = this.rng.pick([33, 100, 1000, 5000, 20_000]);
      const [open, close] = this.rng.chance(0.5) ? ['[', ']'] : ['{"a":', '}'];
      labels.push(`nested ${depth} deep`);
      const nested = open.repeat(depth) + (open === '[' ? '' : '1') + close.repeat(depth);
      if (this.rng.chance(0.5)) return Buffer.from(nested);
      return Buffer.from(JSON.stringify(valid).replace(/^\{/, `{"deep":${nested},`));
    }
    if (roll < 0.9) {
      headers['Content-Type'] = 'application/json';
      if (this.rng.chance(0.5)) {
        const text = JSON.stringify(valid);
        const cut = this.rng.int(0, Math.max(0, text.length - 1));
        labels.push(`truncated JSON at ${cut}`);
        return Buffer.from(text.slice(0, cut));
      }
      const text = this.rng.pick(MALFORMED_JSON);
      labels.push(`malformed ${JSON.stringify(text)}`);
      return Buffer.from(text);
    }
    if (roll < 0.95) {
      const type = this.rng.pick(CONTENT_TYPES);
      headers['Content-Type'] = type;
      labels.push(`Content-Type ${type}`);
      return Buffer.from(JSON.stringify(valid));
    }
    if (this.rng.chance(0.5)) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Encoding'] = this.rng.pick(['gzip', 'deflate', 'br', 'compress']);
      labels.push(`Content-Encoding ${headers['Content-Encoding']} (not encoded)`);
      return Buffer.from(JSON.stringify(valid));
    }
    headers['Content-Type'] = 'application/json';
    const size = op.path.startsWith('/api/codec') ? 1_100_000 : 70_000;
    labels.push(`${size} bytes`);
    return Buffer.from(JSON.stringify({ ...(valid as object), padding: 'x'.repeat(size) }));
  }

  /** The deep-nesting mutation marks a spot; the nesting itself is only expressible as text. */
  private withDeepNesting(text: string): string {
    return text.replace(/"\u2063DEEP(\d+)\u2063"/g, (_m, depth: string) => {
      const n = Number(depth);
      return '['.repeat(n) + ']'.repeat(n);
    });
  }

  /** A valid-ish value for a schema; `name` steers ids and dates towards ones the system knows. */
  value(schema: Schema, name: string, depth: number): unknown {
    const s = this.resolve(schema);
    if (s.nullable && this.rng.chance(0.1)) return null;
    if (s.oneOf) return this.value(this.rng.pick(s.oneOf), name, depth);
    if (s.enum) return this.rng.pick(s.enum);
    switch (s.type) {
      case 'object': {
        if (!s.properties) {
          if (name === 'metadata')
            return this.rng.pick(
              this.context.encryptedPayloads.map((p) => (p as { metadata: unknown }).metadata),
            );
          return {};
        }
        const out: Record<string, unknown> = {};
        for (const [key, prop] of Object.entries(s.properties)) {
          const required = s.required?.includes(key) ?? false;
          if (required || this.rng.chance(0.6)) out[key] = this.value(prop, key, depth + 1);
        }
        return out;
      }
      case 'array': {
        if (name === 'payloads' && this.rng.chance(0.6)) {
          return [this.rng.pick(this.context.encryptedPayloads)];
        }
        const n = this.rng.int(0, 3);
        return Array.from({ length: n }, () => this.value(s.items ?? {}, name, depth + 1));
      }
      case 'number':
      case 'integer': {
        const min = s.minimum ?? 0;
        const max = s.maximum ?? 100;
        const v = min + this.rng.next() * (max - min);
        return s.type === 'integer' || this.rng.chance(0.5) ? Math.round(v) : Math.round(v * 10) / 10;
      }
      case 'boolean':
        return this.rng.chance(0.8);
      case 'string':
        return this.string(s, name);
      default:
        return s.example ?? 'x';
    }
  }

  private string(s: Schema, name: string): string {
    const c = this.context;
    if (s.format === 'uuid') {
      if (/student/i.test(name)) return this.rng.pick(c.studentIds);
      if (/school/i.test(name)) return this.rng.pick(c.schoolIds);
      if (/staff|teacher|owner/i.test(name)) return this.rng.pick(c.staffIds);
      if (/case/i.test(name)) return this.rng.pick(c.caseIds);
      return this.rng.uuid();
    }
    if (s.format === 'date-time' || /At$/.test(name) || name === 'deadlineBefore') {
      return new Date(Date.now() - this.rng.int(60_000, 7 * 86_400_000)).toISOString();
    }
    if (s.format === 'byte') return Buffer.from(`payload ${this.rng.int(0, 1000)}`).toString('base64');
    if (s.pattern === '^\\d{4}-\\d{2}-\\d{2}$' || /On$|By$|Day$|^from$|^to$/.test(name)) {
      return new Date(Date.now() - this.rng.int(0, 20) * 86_400_000).toISOString().slice(0, 10);
    }
    if (name === 'email') return `fuzz.${this.rng.int(0, 1_000_000)}@example.no`;
    if (name === 'cursor' || name === 'afterSeq') return String(this.rng.int(0, 50));
    if (typeof s.example === 'string' && this.rng.chance(0.5)) return s.example;
    const words = [
      'Samtale',
      'med',
      'eleven',
      'og',
      'foresatte',
      'om',
      'fraværet',
      'på',
      'mandager',
      'Ærlig',
    ];
    const n = this.rng.int(1, 8);
    const text = Array.from({ length: n }, () => this.rng.pick(words)).join(' ');
    return s.maxLength ? text.slice(0, s.maxLength) : text;
  }

  private resolve(schema: Schema): Schema {
    let s = schema;
    for (let i = 0; i < 10 && (s.$ref || (s.allOf && s.allOf.length === 1)); i++) {
      const target = s.$ref ? this.schemas[s.$ref.replace('#/components/schemas/', '')] : s.allOf?.[0];
      if (!target) throw new Error(`Unresolvable schema ${JSON.stringify(s)}`);
      s = { ...(s.$ref ? target : this.resolve(target)), nullable: s.nullable };
    }
    return s;
  }

  /** One mutation at a random place in the value tree. */
  private mutate(value: unknown, labels: string[]): unknown {
    const paths = collectPaths(value);
    const path = this.rng.pick(paths);
    const target = getAt(value, path);
    const where = path.length ? path.join('.') : '(body)';
    const kind = this.rng.pick([
      'wrong-type',
      'number',
      'number',
      'string',
      'string',
      'add-key',
      'add-key',
      'remove-key',
      'array-object',
      'deep',
    ] as const);
    switch (kind) {
      case 'wrong-type': {
        const replacement = this.rng.pick(WRONG_TYPES);
        labels.push(`${where} := ${JSON.stringify(replacement)}`);
        return setAt(value, path, structuredClone(replacement));
      }
      case 'number': {
        // Numbers where numbers are expected, mostly: that is where number validators run.
        const numeric = paths.filter((p) => typeof getAt(value, p) === 'number');
        const at = numeric.length && this.rng.chance(0.8) ? this.rng.pick(numeric) : path;
        const n = this.rng.pick(NASTY_NUMBERS);
        labels.push(`${at.length ? at.join('.') : '(body)'} := ${JSON.stringify(n)}`);
        return setAt(value, at, n);
      }
      case 'string': {
        const strings = paths.filter((p) => typeof getAt(value, p) === 'string');
        const at = strings.length && this.rng.chance(0.8) ? this.rng.pick(strings) : path;
        const text = this.rng.pick(NASTY_STRINGS);
        labels.push(`${at.length ? at.join('.') : '(body)'} := ${JSON.stringify(text.slice(0, 30))}`);
        return setAt(value, at, text);
      }
      case 'add-key': {
        const objects = paths.filter((p) => isObject(getAt(value, p)));
        if (!objects.length) return value;
        const at = this.rng.pick(objects);
        // Half of them address prototypes: the keys class-transformer and plain objects treat specially.
        const key = this.rng.chance(0.5)
          ? this.rng.pick(['__proto__', 'constructor', 'prototype'])
          : this.rng.pick(ODD_KEYS);
        const added =
          key === '__proto__' || key === 'constructor' || key === 'prototype'
            ? this.rng.pick([{ polluted: true }, { prototype: { polluted: true } }, 'x', 1, null])
            : this.rng.pick(WRONG_TYPES);
        labels.push(
          `${at.length ? at.join('.') : '(body)'}[${JSON.stringify(key)}] = ${JSON.stringify(added)}`,
        );
        const clone = structuredClone(value);
        const obj = getAt(clone, at) as Record<string, unknown>;
        // defineProperty: a plain assignment to __proto__ would set the prototype instead of a key.
        Object.defineProperty(obj, key, {
          value: structuredClone(added),
          enumerable: true,
          writable: true,
          configurable: true,
        });
        return clone;
      }
      case 'remove-key': {
        if (!isObject(target)) return value;
        const keys = Object.keys(target);
        if (!keys.length) return value;
        const key = this.rng.pick(keys);
        labels.push(`delete ${where}.${key}`);
        const clone = structuredClone(value);
        delete (getAt(clone, path) as Record<string, unknown>)[key];
        return clone;
      }
      case 'array-object': {
        const replacement = Array.isArray(target) ? { ...target } : [target];
        labels.push(`${where} := ${Array.isArray(target) ? 'object' : 'array'}`);
        return setAt(value, path, structuredClone(replacement));
      }
      case 'deep': {
        const depth = this.rng.pick([20, 33, 64, 5000]);
        labels.push(`${where} := nested ${depth} deep`);
        return setAt(value, path, `\u2063DEEP${depth}\u2063`);
      }
    }
  }
}

type Path = (string | number)[];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function collectPaths(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => collectPaths(v, [...prefix, i], out));
  else if (isObject(value)) for (const [k, v] of Object.entries(value)) collectPaths(v, [...prefix, k], out);
  return out;
}

function getAt(value: unknown, path: Path): unknown {
  let v = value;
  for (const key of path) v = (v as Record<string | number, unknown>)[key];
  return v;
}

function setAt(value: unknown, path: Path, replacement: unknown): unknown {
  if (!path.length) return replacement;
  const clone = structuredClone(value);
  const parent = getAt(clone, path.slice(0, -1)) as Record<string | number, unknown>;
  Object.defineProperty(parent, path[path.length - 1] as string | number, {
    value: replacement,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return clone;
}
