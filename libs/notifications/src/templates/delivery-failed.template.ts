// Tells school leadership that a notice could not be delivered, so a missed email never silently means
// a missed deadline. It names the role and kind, never the address or the SMTP server's full reply.
import type { Instant, StaffRole } from '@tiltak/domain';
import { roleName } from '../norwegian-names';
import { formatOsloDateTime } from '../oslo-format';
import type { StudentMention } from '../student-reference';
import { caseLink, type CaseNoticeKind } from './case-notice.template';
import { renderEmail, type EmailBlock, type RenderedEmail } from './email-layout';

export interface DeliveryFailedInput {
  caseId: string | null;
  failedKind: CaseNoticeKind | 'school-digest' | 'case-proposed';
  failedRecipientRole: StaffRole;
  failedAt: Instant;
  /** The SMTP reply code, e.g. 550, when the server gave one. */
  smtpCode: number | null;
  student: StudentMention | null;
  schoolName: string | null;
  publicBaseUrl: string;
}

const KIND_NAMES: Record<DeliveryFailedInput['failedKind'], string> = {
  'case-opened': 'ny sak (trinn 1)',
  reminder: 'påminnelse om frist',
  'deadline-missed': 'frist passert',
  escalation: 'eskalering',
  'evaluation-due': 'evaluering av tiltak',
  referral: 'melding til kompetanseteamet',
  'school-digest': 'ukeoversikt',
  'case-proposed': 'forslag om ny sak',
};

export function noticeKindName(kind: DeliveryFailedInput['failedKind']): string {
  return KIND_NAMES[kind];
}

export function renderDeliveryFailed(input: DeliveryFailedInput): RenderedEmail {
  const kind = noticeKindName(input.failedKind);
  const role = roleName(input.failedRecipientRole);
  const about = input.student ? ` i ${input.student.inSentence}` : '';
  const blocks: EmailBlock[] = [
    {
      type: 'paragraph',
      text: `Et automatisk varsel (${kind})${about} kunne ikke leveres til ${role}. E-postserveren avviste det.`,
    },
    {
      type: 'paragraph',
      text:
        `Sjekk at e-postadressen til ${role} er riktig i personalkatalogen, og sørg for at saken blir ` +
        'fulgt opp. Varselet er registrert som ikke levert i sakens historikk.',
    },
    {
      type: 'facts',
      rows: [
        ...(input.student ? [[input.student.label, input.student.reference] as const] : []),
        ...(input.schoolName ? [['Skole', input.schoolName] as const] : []),
        ['Varsel', kind],
        ['Mottaker', role],
        ['Tidspunkt', formatOsloDateTime(input.failedAt)],
        ...(input.smtpCode ? [['Svar fra e-postserveren', `kode ${input.smtpCode}`] as const] : []),
      ],
    },
  ];
  if (input.caseId) {
    blocks.push({
      type: 'link',
      label: 'Åpne saken i Tiltakstrappa',
      url: caseLink(input.publicBaseUrl, input.caseId),
    });
  }
  return renderEmail(
    `Varsel ikke levert${input.student ? ` (${input.student.reference})` : ''}: ${kind} til ${role}`,
    blocks,
  );
}
