// SMTP through nodemailer, with the two things exactly-once delivery needs from the transport: a
// Message-ID derived from the outbox key (so a duplicate after a crash is recognisable as the same
// message), and errors sorted into "try again later" and "this message will never be accepted".
import { createHash } from 'node:crypto';
import { createTransport, type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';

export interface MailSenderConfig {
  /** smtp://[user:pass@]host[:port] (STARTTLS when offered) or smtps:// (TLS from the first byte). */
  smtpUrl: string;
  /** 'Tiltakstrappa <ikke-svar@kommune.no>'. */
  from: string;
}

export interface MailSenderOptions {
  /** Connection, greeting and socket timeouts; a hung server counts as transient. Default 15 s. */
  timeoutMs?: number;
}

export interface OutgoingMail {
  /** The outbox key: decides the Message-ID. */
  key: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface SentMail {
  messageId: string;
  /** The server's final reply, e.g. '250 OK: queued'. */
  response: string;
}

const MESSAGE_ID_DOMAIN = 'tiltakstrappa.local';

/** `<sha256(key)@tiltakstrappa.local>`: the same key always gives the same Message-ID. */
export function messageIdForKey(key: string): string {
  return `<${createHash('sha256').update(key).digest('hex')}@${MESSAGE_ID_DOMAIN}>`;
}

/** A send that failed. `permanent` means retrying cannot help (the server said 5xx to this message). */
export class SmtpDeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    /** The SMTP reply code (e.g. 451, 550), when the server answered. */
    readonly smtpCode: number | null,
    /** nodemailer's error code (ECONNECTION, ETIMEDOUT, EENVELOPE, …) or the socket's. */
    readonly errorCode: string | null,
  ) {
    super(message);
    this.name = 'SmtpDeliveryError';
  }
}

// Problems of the connection or of our own configuration: they say nothing about this message, so a
// later attempt may succeed (after the server returns or an operator fixes the credentials). Marking
// every notice as permanently failed during a password rotation would be worse than waiting.
const TRANSIENT_WITH_5XX = new Set(['EAUTH', 'ETLS', 'EREQUIRETLS']);
// The message itself is unacceptable (no valid recipient, unencodable content).
const PERMANENT_WITHOUT_CODE = new Set(['EENVELOPE', 'EMESSAGE']);

export function classifySmtpError(error: unknown): SmtpDeliveryError {
  if (error instanceof SmtpDeliveryError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    message?: unknown;
    code?: unknown;
    responseCode?: unknown;
  };
  const smtpCode = typeof e.responseCode === 'number' ? e.responseCode : null;
  const errorCode = typeof e.code === 'string' ? e.code : null;
  const text = typeof e.message === 'string' ? e.message : String(error);
  let permanent: boolean;
  if (errorCode && TRANSIENT_WITH_5XX.has(errorCode)) permanent = false;
  else if (smtpCode !== null) permanent = smtpCode >= 500 && smtpCode < 600;
  else permanent = errorCode !== null && PERMANENT_WITHOUT_CODE.has(errorCode);
  const kind = permanent ? 'permanent' : 'transient';
  return new SmtpDeliveryError(
    `SMTP ${kind} failure${smtpCode ? ` ${smtpCode}` : ''}: ${text}`,
    permanent,
    smtpCode,
    errorCode,
  );
}

/** Throws with a message naming SMTP_URL when the URL cannot work. */
export function parseSmtpUrl(smtpUrl: string): URL {
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    throw new Error('SMTP_URL is not a valid URL (expected smtp://host:port or smtps://host:port)');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new Error(`SMTP_URL must use smtp: or smtps:, got "${url.protocol}"`);
  }
  if (!url.hostname) throw new Error('SMTP_URL has no host');
  return url;
}

export class MailSender {
  private readonly transport: Transporter<SMTPTransport.SentMessageInfo>;

  constructor(
    private readonly config: MailSenderConfig,
    options: MailSenderOptions = {},
  ) {
    parseSmtpUrl(config.smtpUrl);
    const timeout = options.timeoutMs ?? 15_000;
    // One connection per message: a notice is rare and each send stands alone, so a broken pooled
    // connection can never take several messages' fate with it.
    this.transport = createTransport({
      url: config.smtpUrl,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
      disableFileAccess: true,
      disableUrlAccess: true,
    });
  }

  /** Sends one message. Resolves when the server accepted it; throws SmtpDeliveryError otherwise. */
  async send(mail: OutgoingMail): Promise<SentMail> {
    const messageId = messageIdForKey(mail.key);
    try {
      const info = await this.transport.sendMail({
        from: this.config.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId,
        headers: {
          // RFC 3834: no out-of-office replies to a system notice.
          'Auto-Submitted': 'auto-generated',
          'X-Auto-Response-Suppress': 'All',
        },
      });
      if (info.rejected.length > 0) {
        throw new SmtpDeliveryError('SMTP permanent failure: recipient rejected', true, null, 'EENVELOPE');
      }
      return { messageId, response: info.response };
    } catch (error) {
      throw classifySmtpError(error);
    }
  }

  /** Connects and says hello: a start-up check that the server is there and the credentials work. */
  async verify(): Promise<void> {
    try {
      await this.transport.verify();
    } catch (error) {
      throw classifySmtpError(error);
    }
  }

  close(): void {
    this.transport.close();
  }
}
