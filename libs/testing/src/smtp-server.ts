// A real SMTP server in-process for integration tests: captures every accepted message (decoded enough
// to assert what a reader sees), answers 4xx/5xx on demand, and can be stopped and started again on the
// same port to simulate an outage.
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

export interface CapturedMail {
  /** Envelope sender and recipients, as the client gave them. */
  envelopeFrom: string;
  envelopeTo: string[];
  /** Header values, lower-case names, encoded words decoded; the last one wins for repeated headers. */
  headers: Record<string, string>;
  messageId: string | null;
  subject: string;
  from: string;
  to: string;
  /** The decoded text/plain part ('' when absent). */
  text: string;
  /** The decoded text/html part ('' when absent). */
  html: string;
  /** The whole message as received. */
  raw: string;
  receivedAt: Date;
}

export type SmtpFailureStage = 'mail' | 'rcpt' | 'data';

export interface SmtpFailure {
  /** The reply code, e.g. 451 (transient) or 550 (permanent). */
  code: number;
  message?: string;
  /** When to answer with it; 'data' (after the message was sent) unless told. */
  stage?: SmtpFailureStage;
  /** Only for this recipient (stage 'rcpt' only). */
  recipient?: string;
  /** How many transactions fail this way; unlimited unless told. */
  times?: number;
}

export interface TestSmtpServer {
  readonly port: number;
  /** For SMTP_URL: smtp://127.0.0.1:port; with TLS, `tls.rejectUnauthorized=false` for the self-signed certificate. */
  readonly url: string;
  /** Accepted messages, oldest first. */
  readonly messages: readonly CapturedMail[];
  /** Transactions answered with an error, counting every stage. */
  readonly rejectedCount: number;
  /** Answer matching transactions with this reply until `times` runs out or clearFailures(). */
  fail(failure: SmtpFailure): void;
  clearFailures(): void;
  /** Messages whose envelope goes to this address. */
  messagesTo(address: string): CapturedMail[];
  /** Resolves once at least `count` messages arrived; rejects after the timeout. */
  waitForMessages(count: number, timeoutMs?: number): Promise<CapturedMail[]>;
  /** Forget captured messages. */
  clear(): void;
  readonly running: boolean;
  /** Stops listening and drops open connections; clients then see "connection refused". */
  stop(): Promise<void>;
  /** Starts again on the same port. */
  start(): Promise<void>;
}

export interface TestSmtpServerOptions {
  /** A fixed port; a free one unless told. */
  port?: number;
  /** Implicit TLS (smtps) with smtp-server's built-in self-signed certificate. */
  secure?: boolean;
  /** Plain smtp that offers STARTTLS (same certificate); off unless told, so plain clients need no trust. */
  starttls?: boolean;
}

export async function startTestSmtpServer(options: TestSmtpServerOptions = {}): Promise<TestSmtpServer> {
  const port = options.port ?? (await freePort());
  const secure = options.secure ?? false;
  const starttls = !secure && (options.starttls ?? false);
  const messages: CapturedMail[] = [];
  const failures: Array<Required<Omit<SmtpFailure, 'recipient'>> & { recipient: string | null }> = [];
  const waiters = new Set<() => void>();
  let rejectedCount = 0;
  let server: SMTPServer | null = null;

  const takeFailure = (stage: SmtpFailureStage, recipient: string | null): Error | null => {
    const failure = failures.find(
      (f) =>
        f.stage === stage &&
        f.times > 0 &&
        (f.recipient === null || f.recipient.toLowerCase() === recipient?.toLowerCase()),
    );
    if (!failure) return null;
    failure.times -= 1;
    rejectedCount += 1;
    return Object.assign(new Error(failure.message), { responseCode: failure.code });
  };

  const create = () =>
    new SMTPServer({
      secure,
      authOptional: true,
      disabledCommands: starttls ? [] : ['STARTTLS'],
      hideSTARTTLS: !starttls,
      logger: false,
      closeTimeout: 50,
      onMailFrom(_address, _session, callback) {
        callback(takeFailure('mail', null));
      },
      onRcptTo(address, _session, callback) {
        callback(takeFailure('rcpt', address.address));
      },
      onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const failure = takeFailure('data', null);
          if (failure) return callback(failure);
          const raw = Buffer.concat(chunks).toString('utf8');
          const mailFrom = session.envelope.mailFrom;
          messages.push({
            ...parseMessage(raw),
            envelopeFrom: mailFrom ? mailFrom.address : '',
            envelopeTo: session.envelope.rcptTo.map((r) => r.address),
            raw,
            receivedAt: new Date(),
          });
          waiters.forEach((wake) => wake());
          callback(null);
        });
      },
    });

  const start = async () => {
    if (server) return;
    const next = create();
    next.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      next.server.once('error', reject);
      next.listen(port, '127.0.0.1', () => {
        next.server.off('error', reject);
        resolve();
      });
    });
    server = next;
  };

  const stop = async () => {
    const current = server;
    if (!current) return;
    server = null;
    await new Promise<void>((resolve) => current.close(() => resolve()));
  };

  await start();

  return {
    port,
    url: secure
      ? `smtps://127.0.0.1:${port}?tls.rejectUnauthorized=false`
      : starttls
        ? `smtp://127.0.0.1:${port}?requireTLS=true&tls.rejectUnauthorized=false`
        : `smtp://127.0.0.1:${port}`,
    get messages() {
      return messages;
    },
    get rejectedCount() {
      return rejectedCount;
    },
    get running() {
      return server !== null;
    },
    fail(failure) {
      failures.push({
        code: failure.code,
        message: failure.message ?? (failure.code >= 500 ? 'Requested action not taken' : 'Try again later'),
        stage: failure.stage ?? (failure.recipient ? 'rcpt' : 'data'),
        recipient: failure.recipient ?? null,
        times: failure.times ?? Number.POSITIVE_INFINITY,
      });
    },
    clearFailures() {
      failures.length = 0;
    },
    messagesTo(address) {
      return messages.filter((m) => m.envelopeTo.some((to) => to.toLowerCase() === address.toLowerCase()));
    },
    async waitForMessages(count, timeoutMs = 10_000) {
      if (messages.length >= count) return messages;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`Expected ${count} messages, got ${messages.length} within ${timeoutMs} ms`));
        }, timeoutMs);
        const check = () => {
          if (messages.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
      });
      return messages;
    },
    clear() {
      messages.length = 0;
    },
    stop,
    start,
  };
}

async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

// ---- a small MIME reader: enough for what nodemailer produces -----------------------------------------

type ParsedMessage = Pick<
  CapturedMail,
  'headers' | 'messageId' | 'subject' | 'from' | 'to' | 'text' | 'html'
>;

function parseMessage(raw: string): ParsedMessage {
  const { headers, body } = splitEntity(raw);
  const parts = collectParts(headers, body);
  return {
    headers,
    messageId: headers['message-id'] ?? null,
    subject: headers['subject'] ?? '',
    from: headers['from'] ?? '',
    to: headers['to'] ?? '',
    text: parts.find((p) => p.type === 'text/plain')?.content ?? '',
    html: parts.find((p) => p.type === 'text/html')?.content ?? '',
  };
}

function splitEntity(raw: string): { headers: Record<string, string>; body: string } {
  const normalised = raw.replace(/\r\n/g, '\n');
  const end = normalised.indexOf('\n\n');
  const head = end === -1 ? normalised : normalised.slice(0, end);
  const body = end === -1 ? '' : normalised.slice(end + 2);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers[line.slice(0, colon).trim().toLowerCase()] = decodeEncodedWords(line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function collectParts(
  headers: Record<string, string>,
  body: string,
): Array<{ type: string; content: string }> {
  const contentType = headers['content-type'] ?? 'text/plain';
  const type = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  if (type.startsWith('multipart/')) {
    const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
    if (!boundary) return [];
    return body
      .split(`--${boundary}`)
      .slice(1)
      .filter((part) => !part.startsWith('--'))
      .flatMap((part) => {
        const entity = splitEntity(part.replace(/^\n/, ''));
        return collectParts(entity.headers, entity.body);
      });
  }
  const charset = /charset="?([^";]+)"?/i.exec(contentType)?.[1] ?? 'utf-8';
  return [{ type, content: decodeBody(body, headers['content-transfer-encoding'] ?? '7bit', charset) }];
}

function decodeBody(body: string, encoding: string, charset: string): string {
  const bytes =
    encoding.toLowerCase() === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64')
      : encoding.toLowerCase() === 'quoted-printable'
        ? decodeQuotedPrintable(body)
        : Buffer.from(body, 'utf8');
  return bytes.toString(charset.toLowerCase() === 'utf-8' ? 'utf8' : 'latin1').replace(/\n$/, '');
}

function decodeQuotedPrintable(value: string): Buffer {
  const softBreaksRemoved = value.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < softBreaksRemoved.length; i++) {
    const char = softBreaksRemoved.charAt(i);
    const hex = softBreaksRemoved.slice(i + 1, i + 3);
    if (char === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(char, 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

/** RFC 2047: `=?UTF-8?Q?...?=` and `=?UTF-8?B?...?=`, adjacent words joined without the space. */
function decodeEncodedWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(
      /=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g,
      (_match, charset: string, encoding: string, text: string) => {
        const bytes =
          encoding.toUpperCase() === 'B'
            ? Buffer.from(text, 'base64')
            : decodeQuotedPrintable(text.replace(/_/g, ' '));
        return bytes.toString(charset.toLowerCase() === 'utf-8' ? 'utf8' : 'latin1');
      },
    );
}
