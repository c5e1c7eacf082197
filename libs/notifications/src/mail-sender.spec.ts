import { classifySmtpError, MailSender, messageIdForKey, SmtpDeliveryError } from './mail-sender';

describe('Message-ID from the outbox key', () => {
  it('is the same for the same key and differs between keys', () => {
    const id = messageIdForKey('case-1:reminder:step2-meeting#1:staff-9');
    expect(id).toMatch(/^<[0-9a-f]{64}@tiltakstrappa\.local>$/);
    expect(messageIdForKey('case-1:reminder:step2-meeting#1:staff-9')).toBe(id);
    expect(messageIdForKey('case-1:reminder:step2-meeting#1:staff-8')).not.toBe(id);
  });
});

describe('sorting SMTP failures', () => {
  const smtpError = (responseCode: number | undefined, code: string) =>
    Object.assign(new Error('server said no'), { responseCode, code });

  it('a 5xx reply to the message is permanent', () => {
    const error = classifySmtpError(smtpError(550, 'EENVELOPE'));
    expect(error).toBeInstanceOf(SmtpDeliveryError);
    expect(error.permanent).toBe(true);
    expect(error.smtpCode).toBe(550);
    expect(classifySmtpError(smtpError(554, 'EMESSAGE')).permanent).toBe(true);
  });

  it('a 4xx reply is transient', () => {
    expect(classifySmtpError(smtpError(451, 'EMESSAGE')).permanent).toBe(false);
    expect(classifySmtpError(smtpError(421, 'EENVELOPE')).permanent).toBe(false);
  });

  it('connection refused, timeouts and dropped sockets are transient', () => {
    expect(classifySmtpError(smtpError(undefined, 'ECONNECTION')).permanent).toBe(false);
    expect(classifySmtpError(smtpError(undefined, 'ETIMEDOUT')).permanent).toBe(false);
    expect(classifySmtpError(smtpError(undefined, 'ESOCKET')).permanent).toBe(false);
    expect(classifySmtpError(new Error('anything else')).permanent).toBe(false);
  });

  it('failed authentication or TLS is our configuration, not the message: transient', () => {
    expect(classifySmtpError(smtpError(535, 'EAUTH')).permanent).toBe(false);
    expect(classifySmtpError(smtpError(undefined, 'ETLS')).permanent).toBe(false);
  });

  it('an envelope the client itself refuses (no valid recipient) is permanent', () => {
    expect(classifySmtpError(smtpError(undefined, 'EENVELOPE')).permanent).toBe(true);
  });
});

describe('SMTP_URL', () => {
  it('is refused with a message naming it when it is not smtp(s)', () => {
    expect(() => new MailSender({ smtpUrl: 'http://mail.example', from: 'a@b.no' })).toThrow(
      /SMTP_URL must use smtp/,
    );
    expect(() => new MailSender({ smtpUrl: 'not a url', from: 'a@b.no' })).toThrow(
      /SMTP_URL is not a valid URL/,
    );
  });
});
