import { studentMention } from '../student-reference';
import { renderDeliveryFailed } from './delivery-failed.template';

describe('notice to leadership when a notice could not be delivered', () => {
  const caseId = '5d0c9f7e-2b7a-4c61-9a43-0f1e2d3c4b5a';
  const mail = renderDeliveryFailed({
    caseId,
    failedKind: 'escalation',
    failedRecipientRole: 'ppt',
    failedAt: '2026-07-01T08:00:00.000Z',
    smtpCode: 550,
    student: studentMention('school-staff', {
      caseId,
      className: '7B',
      givenName: 'Kari',
      familyName: 'Nordvik',
    }),
    schoolName: 'Fjellvang skole',
    publicBaseUrl: 'https://tiltak.example.no',
  });

  it('says which notice to which role failed, when, and what to do', () => {
    expect(mail.subject).toBe('Varsel ikke levert (7B, K.N.): eskalering til PP-tjenesten');
    expect(mail.text).toContain(
      'Et automatisk varsel (eskalering) i saken for 7B, K.N. kunne ikke leveres til PP-tjenesten.',
    );
    expect(mail.text).toContain('Sjekk at e-postadressen til PP-tjenesten er riktig i personalkatalogen');
    expect(mail.text).toContain('Tidspunkt: onsdag 1. juli 2026 kl. 10.00');
    expect(mail.text).toContain('Svar fra e-postserveren: kode 550');
    expect(mail.text).toContain(`https://tiltak.example.no/cases/${caseId}`);
  });
});
