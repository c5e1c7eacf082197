import { Button, Heading, Link, Paragraph, Table } from '@digdir/designsystemet-react';
import { Link as RouterLink, useParams } from 'react-router';
import { calendarDateText, dateTimeText } from '../../shared/format';
import { deadlineLabel, roleLabel, statusLabel, stepTitle } from '../../shared/labels';
import { LoadError, Loading, PageHeading } from '../../shared/ui';
import { useActivityPlan } from './api';
import { describePayload } from './describe';
import { t } from './texts';

type Loose = Record<string, unknown>;
const str = (v: unknown) =>
  v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);

function ObjectList({ items }: { items: Loose[] }) {
  if (items.length === 0) return <Paragraph>{t.plan.none}</Paragraph>;
  return (
    <ul className="plan-list">
      {items.map((item, i) => (
        <li key={i}>
          <dl className="payload">
            {describePayload(item).map(([label, text]) => (
              <div key={label}>
                <dt>{label}</dt>
                <dd>{text}</dd>
              </div>
            ))}
          </dl>
        </li>
      ))}
    </ul>
  );
}

/** The student's activity plan (Education Act ch. 12), printable from the browser. */
export function ActivityPlanPage() {
  const { caseId = '' } = useParams();
  const plan = useActivityPlan(caseId);
  return (
    <>
      <title>{`${t.plan.title} – Tiltakstrappa`}</title>
      <PageHeading>{t.plan.title}</PageHeading>
      <div className="toolbar no-print">
        <Link asChild>
          <RouterLink to={`/cases/${caseId}`}>{t.audit.back}</RouterLink>
        </Link>
        <Button variant="secondary" onClick={() => window.print()}>
          {t.plan.print}
        </Button>
      </div>
      {plan.isPending && <Loading />}
      {plan.isError && <LoadError error={plan.error} />}
      {plan.data && (
        <article className="activity-plan">
          <dl className="case-facts">
            <div>
              <dt>{t.plan.student}</dt>
              <dd>
                {str((plan.data.student as Loose)['givenName'])}{' '}
                {str((plan.data.student as Loose)['familyName'])},{' '}
                {str((plan.data.student as Loose)['className'])}
              </dd>
            </div>
            <div>
              <dt>{t.plan.school}</dt>
              <dd>{str((plan.data.school as Loose)['name'])}</dd>
            </div>
            <div>
              <dt>{t.plan.owner}</dt>
              <dd>{str((plan.data.owner as Loose)['displayName'])}</dd>
            </div>
            <div>
              <dt>{t.casePage.status}</dt>
              <dd>
                {statusLabel[plan.data.status]} · {t.casePage.stepN(plan.data.step)}:{' '}
                {stepTitle[plan.data.step]}
              </dd>
            </div>
            <div>
              <dt>{t.plan.generated}</dt>
              <dd>{dateTimeText(plan.data.generatedAt)}</dd>
            </div>
          </dl>
          <Heading level={2} data-size="xs">
            {t.plan.problem}
          </Heading>
          <ObjectList items={[plan.data.problem as Loose]} />
          <Heading level={2} data-size="xs">
            {t.plan.measures}
          </Heading>
          {plan.data.measures.length === 0 ? (
            <Paragraph>{t.plan.none}</Paragraph>
          ) : (
            <div className="table-scroll">
              <Table>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell>{t.plan.what}</Table.HeaderCell>
                    <Table.HeaderCell>{t.plan.how}</Table.HeaderCell>
                    <Table.HeaderCell>{t.plan.who}</Table.HeaderCell>
                    <Table.HeaderCell>{t.plan.from}</Table.HeaderCell>
                    <Table.HeaderCell>{t.plan.evaluate}</Table.HeaderCell>
                    <Table.HeaderCell>{t.plan.ifNot}</Table.HeaderCell>
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {plan.data.measures.map((m) => (
                    <Table.Row key={m.measureId}>
                      <Table.Cell>{m.what}</Table.Cell>
                      <Table.Cell>{m.how}</Table.Cell>
                      <Table.Cell>
                        {m.responsible.kind === 'staff'
                          ? `${m.responsible.displayName ?? ''}${m.responsible.role ? ` (${roleLabel[m.responsible.role]})` : ''}`
                          : m.responsible.kind === 'student'
                            ? 'Eleven'
                            : 'Foresatte'}
                      </Table.Cell>
                      <Table.Cell>{calendarDateText(m.startsOn)}</Table.Cell>
                      <Table.Cell>{calendarDateText(m.evaluateBy)}</Table.Cell>
                      <Table.Cell>{m.ifNotPossible}</Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            </div>
          )}
          <Heading level={2} data-size="xs">
            {t.plan.meetings}
          </Heading>
          <ObjectList items={plan.data.meetings as Loose[]} />
          <Heading level={2} data-size="xs">
            {t.plan.evaluations}
          </Heading>
          <ObjectList items={plan.data.evaluations as Loose[]} />
          <Heading level={2} data-size="xs">
            {t.plan.teamAdvice}
          </Heading>
          <ObjectList items={plan.data.teamAdvice as Loose[]} />
          <Heading level={2} data-size="xs">
            {t.plan.nextEvaluation}
          </Heading>
          <Paragraph>
            {plan.data.nextEvaluation
              ? `${deadlineLabel[plan.data.nextEvaluation.kind]}: ${dateTimeText(plan.data.nextEvaluation.dueAt)}`
              : t.plan.none}
          </Paragraph>
        </article>
      )}
    </>
  );
}
