import { studentMention } from '../student-reference';
import { renderCaseNotice, type CaseNoticeInput } from './case-notice.template';

const caseId = '5d0c9f7e-2b7a-4c61-9a43-0f1e2d3c4b5a';
const synthetic = { caseId, className: '7B', givenName: 'Kari', familyName: 'Nordvik' };
const forStaff = studentMention('school-staff', synthetic);
const forPartner = studentMention('partner', synthetic);

function input(overrides: Partial<CaseNoticeInput>): CaseNoticeInput {
  return {
    kind: 'reminder',
    caseId,
    step: 2,
    deadlineKind: 'step2-meeting',
    dueAt: '2026-03-30T13:00:00.000Z',
    requestedAt: '2026-03-27T13:00:00.000Z',
    student: forStaff,
    recipientRole: 'contact-teacher',
    notifiedRoles: ['contact-teacher'],
    fallbackFor: [],
    schoolName: 'Fjellvang skole',
    publicBaseUrl: 'https://tiltak.example.no/',
    ...overrides,
  };
}

const link = `https://tiltak.example.no/cases/${caseId}`;

describe('case notices', () => {
  it('new case: tells the contact teacher that step 1 is due today, with the Oslo time', () => {
    const mail = renderCaseNotice(
      input({
        kind: 'case-opened',
        step: 1,
        deadlineKind: 'step1-contact',
        requestedAt: '2026-01-15T08:12:00.000Z',
        dueAt: '2026-01-15T14:00:00.000Z',
      }),
    );
    expect(mail.subject).toBe('Ny sak om fravær (7B, K.N.): trinn 1 skal gjøres i dag');
    expect(mail.text).toContain(
      'Det er opprettet en sak om bekymringsfullt fravær ved Fjellvang skole: saken for 7B, K.N.\n',
    );
    expect(mail.text).not.toContain('K.N..');
    expect(mail.text).toContain('snakk med eleven og ta kontakt med foresatte');
    expect(mail.text).toContain('Frist: torsdag 15. januar 2026 kl. 15.00 (i dag)');
    expect(mail.text).toContain(link);
    expect(mail.html).toContain(`<a href="${link}">Åpne saken i Tiltakstrappa</a>`);
  });

  it('new case raised after school hours: names the next school day instead of "today"', () => {
    const mail = renderCaseNotice(
      input({
        kind: 'case-opened',
        step: 1,
        deadlineKind: 'step1-contact',
        requestedAt: '2026-01-16T17:30:00.000Z',
        dueAt: '2026-01-19T14:00:00.000Z',
      }),
    );
    expect(mail.subject).toBe(
      'Ny sak om fravær (7B, K.N.): trinn 1 skal gjøres innen mandag 19. januar 2026',
    );
    expect(mail.text).toContain('Frist: mandag 19. januar 2026 kl. 15.00');
    expect(mail.text).not.toContain('(i dag)');
  });

  it('reminder sent in winter time for a deadline after the spring change shows the summer-time clock', () => {
    const mail = renderCaseNotice(input({ kind: 'reminder' }));
    expect(mail.subject).toBe(
      'Påminnelse (7B, K.N.): møte med elev og foresatte (trinn 2), frist mandag 30. mars 2026 kl. 15.00',
    );
    expect(mail.text).toContain(
      'Fristen for møte med elev og foresatte (trinn 2) i saken for 7B, K.N. nærmer seg.',
    );
    expect(mail.text).toContain('Trinn: trinn 2: møte og kartlegging');
    expect(mail.text).toContain('Frist: mandag 30. mars 2026 kl. 15.00');
  });

  it('deadline missed: says what and when, and who was told', () => {
    const mail = renderCaseNotice(
      input({
        kind: 'deadline-missed',
        requestedAt: '2026-10-26T14:00:10.000Z',
        dueAt: '2026-10-23T13:00:00.000Z',
        recipientRole: 'school-leadership',
        notifiedRoles: ['contact-teacher', 'school-leadership'],
      }),
    );
    expect(mail.subject).toBe('Frist passert (7B, K.N.): møte med elev og foresatte (trinn 2)');
    expect(mail.text).toContain(
      'Fristen for møte med elev og foresatte (trinn 2) i saken for 7B, K.N. gikk ut fredag 23. oktober 2026 kl. 15.00',
    );
    expect(mail.text).toContain('Varselet går til kontaktlærer og skoleledelsen.');
    expect(mail.text).toContain('Fristen gikk ut: fredag 23. oktober 2026 kl. 15.00');
  });

  it('escalation to partners: which step, what is overdue and since when — with the case reference only', () => {
    const mail = renderCaseNotice(
      input({
        kind: 'escalation',
        step: 4,
        deadlineKind: 'step4-meeting',
        dueAt: '2026-03-27T14:00:00.000Z',
        requestedAt: '2026-03-31T13:00:00.000Z',
        student: forPartner,
        recipientRole: 'ppt',
        notifiedRoles: ['ppt', 'mobile-team'],
      }),
    );
    expect(mail.subject).toBe(
      `Eskalert til PP-tjenesten og Mobilt team (${forPartner.reference}): tverrfaglig samarbeidsmøte (trinn 4) er forsinket`,
    );
    expect(mail.text).toContain(`Saksreferanse: ${forPartner.reference}`);
    expect(mail.text).toContain('Trinn: trinn 4: tverrfaglig samarbeid');
    expect(mail.text).toContain('Forsinket: tverrfaglig samarbeidsmøte (trinn 4)');
    expect(mail.text).toContain('Forsinket siden: fredag 27. mars 2026 kl. 15.00');
    expect(mail.text).toContain('Eskalert: tirsdag 31. mars 2026 kl. 15.00');
    for (const part of [mail.subject, mail.text, mail.html]) {
      expect(part).not.toContain('7B');
      expect(part).not.toContain('K.N.');
    }
  });

  it('evaluation due: asks for the student voice and a decision by the deadline', () => {
    const mail = renderCaseNotice(
      input({
        kind: 'evaluation-due',
        step: 3,
        deadlineKind: 'step3-evaluation',
        dueAt: '2026-05-08T13:00:00.000Z',
      }),
    );
    expect(mail.subject).toBe('Tid for evaluering (7B, K.N.): frist fredag 8. mai 2026');
    expect(mail.text).toContain('skal evalueres innen fredag 8. mai 2026 kl. 15.00');
    expect(mail.text).toContain('elevens stemme');
    expect(mail.text).toContain('Gjelder: evaluering av tiltakene (trinn 3)');
  });

  it('referral: tells the competence team a case was referred to them', () => {
    const mail = renderCaseNotice(
      input({
        kind: 'referral',
        step: 3,
        deadlineKind: 'step3-meeting',
        dueAt: '2026-04-17T13:00:00.000Z',
        requestedAt: '2026-04-10T09:05:00.000Z',
        recipientRole: 'competence-team',
        notifiedRoles: ['competence-team'],
      }),
    );
    expect(mail.subject).toBe('Ny sak til kompetanseteamet (7B, K.N.)');
    expect(mail.text).toContain(
      'Saken for 7B, K.N. er meldt til kompetanseteamet ved Fjellvang skole (trinn 3)',
    );
    expect(mail.text).toContain('Meldt: fredag 10. april 2026 kl. 11.05');
    expect(mail.text).toContain(
      'Frist for samarbeidsmøte med teamet rundt eleven (trinn 3): fredag 17. april 2026 kl. 15.00',
    );
  });

  it('referral at step 4: tells the partner it was brought into the collaboration', () => {
    const mail = renderCaseNotice(
      input({
        kind: 'referral',
        step: 4,
        deadlineKind: null,
        dueAt: null,
        requestedAt: '2026-05-04T08:00:00.000Z',
        student: forPartner,
        recipientRole: 'mobile-team',
        notifiedRoles: ['mobile-team'],
      }),
    );
    expect(mail.subject).toBe(`Ny sak til Mobilt team (${forPartner.reference})`);
    expect(mail.text).toContain(
      'er henvist til Mobilt team ved Fjellvang skole for tverrfaglig samarbeid (trinn 4)',
    );
    expect(mail.text).not.toContain('kompetanseteamet');
  });

  it('tells leadership when it receives a notice because a role has nobody', () => {
    const mail = renderCaseNotice(
      input({
        kind: 'escalation',
        step: 3,
        recipientRole: 'school-leadership',
        fallbackFor: ['ppt'],
        notifiedRoles: ['ppt'],
      }),
    );
    expect(mail.text).toContain(
      'Du får denne e-posten fordi ingen mottaker er registrert for PP-tjenesten ved skolen.',
    );
  });

  it('escapes everything that goes into HTML', () => {
    const mail = renderCaseNotice(
      input({
        schoolName: '<script>alert("x")</script> & Co',
        student: { label: 'Elev', reference: '7B <b>', inSentence: 'saken for 7B <b>' },
      }),
    );
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<b>');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    expect(mail.text).toContain('<script>alert("x")</script> & Co');
  });

  it('refuses a base URL that is not http(s)', () => {
    expect(() => renderCaseNotice(input({ publicBaseUrl: 'javascript:alert(1)//' }))).toThrow(/non-http/);
  });

  it('keeps subjects on one line', () => {
    const mail = renderCaseNotice(
      input({ student: { label: 'Elev', reference: '7B\r\nBcc: x@example.com', inSentence: 'x' } }),
    );
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });
});
