import { Details, Field, Label, Link, Paragraph, Select, Table } from '@digdir/designsystemet-react';
import { Link as RouterLink, useParams, useSearchParams } from 'react-router';
import { dateTimeText } from '../../shared/format';
import { eventName, roleLabel } from '../../shared/labels';
import { LoadError, Loading, PageHeading } from '../../shared/ui';
import { useTimeline } from './api';
import { describePayload } from './describe';
import { t } from './texts';

/** The case's audit trail: read-only, people's and the system's events, filterable by origin and step. */
export function AuditTrailPage() {
  const { caseId = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const origin = (search.get('origin') ?? 'all') as 'all' | 'person' | 'system';
  const step = search.get('step') ?? '';
  const timeline = useTimeline(caseId);

  function setFilter(name: string, value: string) {
    const next = new URLSearchParams(search);
    if (value && value !== 'all') next.set(name, value);
    else next.delete(name);
    setSearch(next, { replace: true });
  }

  const entries = (timeline.data ?? []).filter(
    (e) => (origin === 'all' || e.origin === origin) && (step === '' || String(e.step) === step),
  );

  return (
    <>
      <title>{`${t.audit.title} – Tiltakstrappa`}</title>
      <PageHeading>{t.audit.title}</PageHeading>
      <Paragraph>{t.audit.intro}</Paragraph>
      <Link asChild>
        <RouterLink to={`/cases/${caseId}`}>{t.audit.back}</RouterLink>
      </Link>
      <form className="filters no-print" aria-label={t.audit.filters} onSubmit={(e) => e.preventDefault()}>
        <Field>
          <Label htmlFor="audit-origin">{t.audit.origin}</Label>
          <Select id="audit-origin" value={origin} onChange={(e) => setFilter('origin', e.target.value)}>
            {(['all', 'person', 'system'] as const).map((o) => (
              <Select.Option key={o} value={o}>
                {t.audit.origins[o]}
              </Select.Option>
            ))}
          </Select>
        </Field>
        <Field>
          <Label htmlFor="audit-step">{t.audit.step}</Label>
          <Select id="audit-step" value={step} onChange={(e) => setFilter('step', e.target.value)}>
            <Select.Option value="">{t.audit.allSteps}</Select.Option>
            {[1, 2, 3, 4].map((s) => (
              <Select.Option key={s} value={String(s)}>
                {`Trinn ${s}`}
              </Select.Option>
            ))}
          </Select>
        </Field>
      </form>
      {timeline.isPending && <Loading />}
      {timeline.isError && <LoadError error={timeline.error} />}
      {timeline.isSuccess && (
        <>
          <Paragraph role="status">{t.audit.shown(entries.length, timeline.data.length)}</Paragraph>
          {entries.length === 0 ? (
            <Paragraph>{t.audit.empty}</Paragraph>
          ) : (
            <div className="table-scroll">
              <Table zebra className="audit-table">
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell>{t.audit.when}</Table.HeaderCell>
                    <Table.HeaderCell>{t.audit.what}</Table.HeaderCell>
                    <Table.HeaderCell>{t.audit.who}</Table.HeaderCell>
                    <Table.HeaderCell>{t.audit.role}</Table.HeaderCell>
                    <Table.HeaderCell>{t.audit.step}</Table.HeaderCell>
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {entries.map((e) => {
                    const lines = describePayload(e.payload);
                    return (
                      <Table.Row key={e.eventId}>
                        <Table.Cell>{dateTimeText(e.occurredAt)}</Table.Cell>
                        <Table.Cell>
                          {eventName(e.type)}
                          {lines.length > 0 && (
                            <Details>
                              <Details.Summary>{t.audit.details}</Details.Summary>
                              <Details.Content>
                                <dl className="payload">
                                  {lines.map(([k, v]) => (
                                    <div key={k}>
                                      <dt>{k}</dt>
                                      <dd>{v}</dd>
                                    </div>
                                  ))}
                                </dl>
                              </Details.Content>
                            </Details>
                          )}
                        </Table.Cell>
                        <Table.Cell>{e.actor ? (e.actor.displayName ?? '–') : t.audit.system}</Table.Cell>
                        <Table.Cell>{e.actor ? roleLabel[e.actor.role] : '–'}</Table.Cell>
                        <Table.Cell>{e.step}</Table.Cell>
                      </Table.Row>
                    );
                  })}
                </Table.Body>
              </Table>
            </div>
          )}
        </>
      )}
    </>
  );
}
