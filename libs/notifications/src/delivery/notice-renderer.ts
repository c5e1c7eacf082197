// Turns an outbox row into the email its recipient reads. The student is named as the recipient's role
// may see them (class and initials for school staff, a case reference for partners), decided at send
// time from the directory, so a row never stores more than ids.
import type { CaseNoticeKind } from '../templates/case-notice.template';
import { renderCaseNotice } from '../templates/case-notice.template';
import { renderDeliveryFailed } from '../templates/delivery-failed.template';
import type { RenderedEmail } from '../templates/email-layout';
import { renderSchoolDigest } from '../templates/school-digest.template';
import { renderCaseProposal } from '../templates/case-proposal.template';
import type { OutboxEntry } from '../outbox/notification-outbox.types';
import type { NotificationContextReader } from '@tiltak/persistence';
import { recipientScopeForRole, studentMention } from '../student-reference';

export type NoticeContext = Pick<NotificationContextReader, 'studentForCase' | 'schoolName'> &
  Partial<Pick<NotificationContextReader, 'proposalForNotice'>>;

export class NoticeRenderer {
  constructor(
    private readonly context: NoticeContext,
    private readonly publicBaseUrl: string,
  ) {}

  async render(entry: OutboxEntry): Promise<RenderedEmail> {
    const payload = entry.payload;
    switch (payload.type) {
      case 'case-notice': {
        const caseId = requireCaseId(entry);
        return renderCaseNotice({
          kind: entry.kind as CaseNoticeKind,
          caseId,
          step: payload.step,
          deadlineKind: payload.deadlineKind,
          dueAt: payload.dueAt,
          requestedAt: payload.requestedAt,
          student: await this.student(entry, caseId),
          recipientRole: entry.recipientRole,
          notifiedRoles: payload.notifiedRoles,
          fallbackFor: payload.fallbackFor,
          schoolName: await this.context.schoolName(entry.schoolId),
          publicBaseUrl: this.publicBaseUrl,
        });
      }
      case 'delivery-failed':
        return renderDeliveryFailed({
          caseId: entry.caseId,
          failedKind: payload.failedKind,
          failedRecipientRole: payload.failedRecipientRole,
          failedAt: payload.failedAt,
          smtpCode: payload.smtpCode,
          student: entry.caseId ? await this.student(entry, entry.caseId) : null,
          schoolName: await this.context.schoolName(entry.schoolId),
          publicBaseUrl: this.publicBaseUrl,
        });
      case 'school-digest':
        return renderSchoolDigest(payload.summary, { publicBaseUrl: this.publicBaseUrl });
      case 'case-proposal': {
        const proposal = await this.context.proposalForNotice?.(payload.proposalId);
        return renderCaseProposal({
          proposalId: payload.proposalId,
          proposedAt: payload.proposedAt,
          student: studentMention(recipientScopeForRole(entry.recipientRole), {
            caseId: payload.proposalId,
            className: proposal?.student.className ?? null,
            givenName: proposal?.student.givenName ?? null,
            familyName: proposal?.student.familyName ?? null,
          }),
          schoolName: await this.context.schoolName(entry.schoolId),
          publicBaseUrl: this.publicBaseUrl,
        });
      }
    }
  }

  private async student(entry: OutboxEntry, caseId: string) {
    return studentMention(
      recipientScopeForRole(entry.recipientRole),
      await this.context.studentForCase(caseId),
    );
  }
}

function requireCaseId(entry: OutboxEntry): string {
  if (!entry.caseId) throw new Error(`Outbox row ${entry.key} is a case notice without a case`);
  return entry.caseId;
}
