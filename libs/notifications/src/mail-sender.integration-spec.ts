// Test-only import: infra code may not depend on the testing lib, but its specs need it.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startTestSmtpServer, type TestSmtpServer } from '@tiltak/testing';
import { MailSender, messageIdForKey, SmtpDeliveryError } from './mail-sender';

const FROM = 'Tiltakstrappa <ikke-svar@tiltakstrappa.test>';
const mail = (key: string) => ({
  key,
  to: 'ingrid.lunde@fjellvang.test',
  subject: 'Påminnelse (7B, K.N.): møte med elev og foresatte (trinn 2)',
  text: 'Fristen nærmer seg: mandag 30. mars 2026 kl. 15.00. Æ, ø og å.',
  html: '<p>Fristen nærmer seg: mandag 30. mars 2026 kl. 15.00. Æ, ø og å.</p>',
});

async function rejectionOf(promise: Promise<unknown>): Promise<SmtpDeliveryError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SmtpDeliveryError) return error;
    throw error;
  }
  throw new Error('expected the send to fail');
}

describe('MailSender against a real SMTP server', () => {
  let smtp: TestSmtpServer;
  let sender: MailSender;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    sender = new MailSender({ smtpUrl: smtp.url, from: FROM }, { timeoutMs: 3000 });
  });
  afterAll(async () => {
    sender.close();
    await smtp.stop();
  });
  beforeEach(() => {
    smtp.clear();
    smtp.clearFailures();
  });

  it('delivers Norwegian text and HTML with the Message-ID derived from the key', async () => {
    const sent = await sender.send(mail('case-1:reminder:k1:staff-1'));
    expect(sent.messageId).toBe(messageIdForKey('case-1:reminder:k1:staff-1'));
    const [received] = await smtp.waitForMessages(1);
    expect(received).toMatchObject({
      messageId: sent.messageId,
      envelopeTo: ['ingrid.lunde@fjellvang.test'],
      subject: 'Påminnelse (7B, K.N.): møte med elev og foresatte (trinn 2)',
      text: 'Fristen nærmer seg: mandag 30. mars 2026 kl. 15.00. Æ, ø og å.',
      headers: expect.objectContaining({ 'auto-submitted': 'auto-generated' }),
    });
    expect(received?.html).toContain('Æ, ø og å.</p>');
  });

  it('reports a 4xx as transient and a 5xx as permanent', async () => {
    smtp.fail({ code: 451, times: 1 });
    const transient = await rejectionOf(sender.send(mail('k-451')));
    expect(transient.permanent).toBe(false);
    expect(transient.smtpCode).toBe(451);

    smtp.fail({
      code: 550,
      recipient: 'ingrid.lunde@fjellvang.test',
      message: 'Mailbox unavailable',
      times: 1,
    });
    const permanent = await rejectionOf(sender.send(mail('k-550')));
    expect(permanent.permanent).toBe(true);
    expect(permanent.smtpCode).toBe(550);
    expect(smtp.messages).toHaveLength(0);
  });

  it('reports a stopped server as transient, and sends once it is back on the same port', async () => {
    await smtp.stop();
    const refused = await rejectionOf(sender.send(mail('k-down')));
    expect(refused.permanent).toBe(false);
    expect(refused.smtpCode).toBeNull();

    await smtp.start();
    await sender.send(mail('k-down'));
    expect(smtp.messages.map((m) => m.messageId)).toEqual([messageIdForKey('k-down')]);
  });

  it('upgrades with STARTTLS when the URL requires TLS on smtp://', async () => {
    const starttls = await startTestSmtpServer({ starttls: true });
    const tlsSender = new MailSender({ smtpUrl: starttls.url, from: FROM }, { timeoutMs: 3000 });
    try {
      await tlsSender.send(mail('k-starttls'));
      await starttls.waitForMessages(1);
      expect(starttls.messages.map((m) => m.messageId)).toEqual([messageIdForKey('k-starttls')]);
    } finally {
      tlsSender.close();
      await starttls.stop();
    }
  });

  it('speaks implicit TLS with smtps://', async () => {
    const secure = await startTestSmtpServer({ secure: true });
    const tlsSender = new MailSender({ smtpUrl: secure.url, from: FROM }, { timeoutMs: 3000 });
    try {
      expect(secure.url).toMatch(/^smtps:/);
      await tlsSender.send(mail('k-tls'));
      const [received] = await secure.waitForMessages(1);
      expect(received?.subject).toContain('Påminnelse');
    } finally {
      tlsSender.close();
      await secure.stop();
    }
  });
});
