// Propose mode (ADR 0015): the contact teacher hears the same day that detection proposes a case, and
// confirms or dismisses it in the web app. Only class and initials, never figures or reasons.
import type { Instant } from '@tiltak/domain';
import { formatOsloDate } from '../oslo-format';
import type { StudentMention } from '../student-reference';
import { renderEmail, type RenderedEmail } from './email-layout';

export interface CaseProposalInput {
  proposalId: string;
  proposedAt: Instant;
  student: StudentMention;
  schoolName: string | null;
  publicBaseUrl: string;
}

export function proposalsLink(publicBaseUrl: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/forslag`;
}

export function renderCaseProposal(input: CaseProposalInput): RenderedEmail {
  const at = input.schoolName ? ` ved ${input.schoolName}` : '';
  return renderEmail(`Forslag om ny sak om fravær (${input.student.reference}): ta stilling i dag`, [
    {
      type: 'paragraph',
      text: `Fraværet til en elev${at} har nådd en grense for bekymringsfullt fravær: ${input.student.reference}.`,
    },
    {
      type: 'paragraph',
      text:
        'Bekreft forslaget for å opprette saken (trinn 1 skal gjøres samme dag som bekymringen oppsto), ' +
        'eller avvis det med en begrunnelse. Ta stilling i dag.',
    },
    {
      type: 'facts',
      rows: [
        [input.student.label, input.student.reference],
        ...(input.schoolName ? [['Skole', input.schoolName] as const] : []),
        ['Foreslått', formatOsloDate(input.proposedAt)],
      ],
    },
    { type: 'link', label: 'Se forslagene i Tiltakstrappa', url: proposalsLink(input.publicBaseUrl) },
  ]);
}
