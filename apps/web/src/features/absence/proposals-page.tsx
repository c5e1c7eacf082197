import {
  Alert,
  Button,
  Card,
  Field,
  Heading,
  Label,
  Link,
  Paragraph,
  Select,
  Table,
  ValidationMessage,
} from '@digdir/designsystemet-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Link as RouterLink } from 'react-router';
import { api, unwrap, type Schemas } from '../../shared/api/client';
import { dateTimeText } from '../../shared/format';
import { AbsenceFigureRows } from '../../shared/absence-figures';
import { triggerLabel } from '../../shared/labels';
import { useSession } from '../../shared/session';
import { errorText, LoadError, Loading, PageHeading } from '../../shared/ui';
import { caseKeys } from '../cases/api';
import { dismissalReasons, t } from './texts';

type Proposal = Schemas['CaseProposalResponseDto'];

const proposalsKey = (schoolId: string | null) => ['absence-proposals', schoolId];

/** Proposed cases (propose mode, ADR 0015): the contact teacher confirms or dismisses each the same day. */
export function ProposalsPage() {
  const { actingAs } = useSession();
  const schoolId = actingAs.schoolId;
  const proposals = useQuery({
    queryKey: proposalsKey(schoolId),
    enabled: schoolId !== null,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/schools/{schoolId}/absence-proposals', {
          params: { path: { schoolId: schoolId ?? '' }, query: { status: 'pending' } },
        }),
      ).proposals,
  });
  return (
    <>
      <title>{`${t.title} – Tiltakstrappa`}</title>
      <PageHeading>{t.title}</PageHeading>
      <Paragraph>{t.intro}</Paragraph>
      {schoolId === null && <Paragraph>{t.noSchool}</Paragraph>}
      {proposals.isPending && schoolId !== null && <Loading />}
      {proposals.isError && <LoadError error={proposals.error} />}
      {proposals.data?.length === 0 && <Paragraph>{t.empty}</Paragraph>}
      {proposals.data?.map((p) => (
        <ProposalCard key={p.proposalId} proposal={p} />
      ))}
    </>
  );
}

function ProposalCard({ proposal }: { proposal: Proposal }) {
  const queryClient = useQueryClient();
  const headingId = useId();
  const reasonId = useId();
  const [decided, setDecided] = useState<Proposal | null>(null);
  const [busy, setBusy] = useState<'confirm' | 'dismiss' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reasonError, setReasonError] = useState<string | null>(null);
  const name = `${proposal.givenName} ${proposal.familyName}, ${proposal.className}`;

  async function decide(action: 'confirm' | 'dismiss', reason?: string) {
    setBusy(action);
    setError(null);
    try {
      const path = { params: { path: { proposalId: proposal.proposalId } } };
      const result =
        action === 'confirm'
          ? await api.POST('/api/absence-proposals/{proposalId}/confirm', path)
          : await api.POST('/api/absence-proposals/{proposalId}/dismiss', {
              ...path,
              body: { reason: reason as Schemas['DismissProposalRequestDto']['reason'] },
            });
      setDecided(unwrap(result));
      // Marked stale, not refetched now: the pending list would drop this card and the answer with it.
      // The next visit reads the list again. A confirmed proposal is a new case in the case lists.
      void queryClient.invalidateQueries({ queryKey: ['absence-proposals'], refetchType: 'none' });
      void queryClient.invalidateQueries({ queryKey: caseKeys.all });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(null);
    }
  }

  function onDismiss(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const reason = new FormData(e.currentTarget).get('reason');
    if (typeof reason !== 'string' || reason === '') {
      setReasonError(t.reasonMissing);
      return;
    }
    setReasonError(null);
    void decide('dismiss', reason);
  }

  return (
    <Card className="proposal" aria-labelledby={headingId} asChild>
      <section>
        <Heading level={2} data-size="xs" id={headingId}>
          {name}
        </Heading>
        <Paragraph data-size="sm">
          {triggerLabel[proposal.trigger]}. {t.proposedAt(dateTimeText(proposal.proposedAt))}.
        </Paragraph>
        <Table data-size="sm">
          <Table.Body>
            <AbsenceFigureRows figures={proposal.figures} />
          </Table.Body>
        </Table>
        {decided?.status === 'confirmed' && decided.caseId && (
          <Alert data-color="success">
            <Paragraph>
              {t.confirmed}{' '}
              <Link asChild>
                <RouterLink to={`/cases/${decided.caseId}`}>{t.openCase}</RouterLink>
              </Link>
            </Paragraph>
          </Alert>
        )}
        {decided?.status === 'dismissed' && (
          <Alert data-color="info">
            <Paragraph>{t.dismissed(decided.decision?.reasonLabel ?? '')}</Paragraph>
          </Alert>
        )}
        {error && (
          <Alert data-color="danger">
            <Paragraph>{error}</Paragraph>
          </Alert>
        )}
        {!decided && (
          <div className="proposal-actions">
            <Button type="button" disabled={busy !== null} onClick={() => void decide('confirm')}>
              {busy === 'confirm' ? t.confirming : t.confirm}
            </Button>
            <form onSubmit={onDismiss} noValidate className="proposal-dismiss">
              <Field>
                <Label htmlFor={reasonId}>{t.reason}</Label>
                <Select
                  id={reasonId}
                  name="reason"
                  defaultValue=""
                  aria-invalid={reasonError ? true : undefined}
                >
                  <Select.Option value="">{t.chooseReason}</Select.Option>
                  {dismissalReasons.map(([value, label]) => (
                    <Select.Option key={value} value={value}>
                      {label}
                    </Select.Option>
                  ))}
                </Select>
                {reasonError && <ValidationMessage>{reasonError}</ValidationMessage>}
              </Field>
              <Button type="submit" variant="secondary" disabled={busy !== null}>
                {busy === 'dismiss' ? t.dismissing : t.dismiss}
              </Button>
            </form>
          </div>
        )}
      </section>
    </Card>
  );
}
