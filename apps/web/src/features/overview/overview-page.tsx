import { Card, Heading, Link, Paragraph, Table } from '@digdir/designsystemet-react';
import { useQuery } from '@tanstack/react-query';
import { Link as RouterLink } from 'react-router';
import { api, unwrap, type Schemas } from '../../shared/api/client';
import { dateTimeText } from '../../shared/format';
import { statusLabel, stepTitle } from '../../shared/labels';
import { useSession } from '../../shared/session';
import { LoadError, Loading, PageHeading } from '../../shared/ui';
import { AbsenceSection } from './absence-section';
import { t } from './texts';

type Figure = Schemas['OverviewFigureDto'];

/**
 * The API's list query for a figure ("/api/cases?schoolId=…&overdue=true") as the web app's list
 * page: same filters, minus the school, which the list adds for leadership itself.
 */
export function listLink(figure: Figure): string {
  const url = new URL(figure.query, 'http://x');
  url.searchParams.delete('schoolId');
  const search = url.searchParams.toString();
  return search ? `/cases?${search}` : '/cases';
}

function FigureLink({ figure, label }: { figure: Figure; label: string }) {
  return (
    <Link asChild>
      <RouterLink to={listLink(figure)} aria-label={`${label}: ${t.cases(figure.count)}`}>
        {figure.count}
      </RouterLink>
    </Link>
  );
}

function BigFigure({ figure, label }: { figure: Figure; label: string }) {
  return (
    <Card data-color={figure.count > 0 ? 'warning' : 'neutral'}>
      <Heading level={3} data-size="2xs">
        {label}
      </Heading>
      <p className="overview-figure">
        <FigureLink figure={figure} label={label} />
      </p>
    </Card>
  );
}

export function OverviewPage() {
  const { actingAs } = useSession();
  const schoolId = actingAs.schoolId;
  const overview = useQuery({
    queryKey: ['overview', schoolId],
    enabled: schoolId !== null,
    queryFn: async () =>
      unwrap(await api.GET('/api/schools/{id}/overview', { params: { path: { id: schoolId ?? '' } } })),
  });
  const o = overview.data;
  return (
    <>
      <title>{`${t.title} – Tiltakstrappa`}</title>
      <PageHeading>{t.title}</PageHeading>
      <Paragraph>{t.intro}</Paragraph>
      {schoolId === null && <Paragraph>{t.noSchool}</Paragraph>}
      {overview.isPending && schoolId !== null && <Loading />}
      {overview.isError && <LoadError error={overview.error} />}
      {o && (
        <>
          <Paragraph className="muted">{t.asOf(dateTimeText(o.asOf))}</Paragraph>
          <section aria-labelledby="overview-now">
            <Heading level={2} data-size="sm" id="overview-now">
              {t.now}
            </Heading>
            <div className="overview-grid">
              <BigFigure figure={o.overdue} label={t.overdue} />
              <BigFigure figure={o.escalated} label={t.escalated} />
              <BigFigure figure={o.dueThisWeek} label={t.dueThisWeek} />
              <BigFigure figure={o.inactive} label={t.inactive(o.inactiveSchoolDays)} />
            </div>
          </section>
          <div className="case-grid">
            <section aria-labelledby="overview-steps">
              <Heading level={2} data-size="sm" id="overview-steps">
                {t.byStep}
              </Heading>
              <Table>
                <Table.Body>
                  {o.byStep.map((f) => (
                    <Table.Row key={f.step}>
                      <Table.HeaderCell scope="row">
                        {f.step}. {stepTitle[f.step]}
                      </Table.HeaderCell>
                      <Table.Cell>
                        <FigureLink figure={f} label={`Trinn ${f.step}`} />
                      </Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            </section>
            <section aria-labelledby="overview-status">
              <Heading level={2} data-size="sm" id="overview-status">
                {t.byStatus}
              </Heading>
              <Table>
                <Table.Body>
                  {o.byStatus.map((f) => (
                    <Table.Row key={f.status}>
                      <Table.HeaderCell scope="row">{statusLabel[f.status]}</Table.HeaderCell>
                      <Table.Cell>
                        <FigureLink figure={f} label={statusLabel[f.status]} />
                      </Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            </section>
          </div>
          <section aria-labelledby="overview-teachers">
            <Heading level={2} data-size="sm" id="overview-teachers">
              {t.perTeacher}
            </Heading>
            {o.perContactTeacher.length === 0 ? (
              <Paragraph>{t.empty}</Paragraph>
            ) : (
              <div className="table-scroll">
                <Table zebra>
                  <Table.Head>
                    <Table.Row>
                      <Table.HeaderCell>{t.teacher}</Table.HeaderCell>
                      <Table.HeaderCell>{t.open}</Table.HeaderCell>
                      <Table.HeaderCell>{t.overdue}</Table.HeaderCell>
                      <Table.HeaderCell>{t.inactive(o.inactiveSchoolDays)}</Table.HeaderCell>
                    </Table.Row>
                  </Table.Head>
                  <Table.Body>
                    {o.perContactTeacher.map((p) => {
                      const name = p.name ?? t.unknownTeacher;
                      return (
                        <Table.Row key={p.staffId}>
                          <Table.HeaderCell scope="row">{name}</Table.HeaderCell>
                          <Table.Cell>
                            <FigureLink figure={p.open} label={`${name}, ${t.open.toLowerCase()}`} />
                          </Table.Cell>
                          <Table.Cell>
                            <FigureLink figure={p.overdue} label={`${name}, ${t.overdue.toLowerCase()}`} />
                          </Table.Cell>
                          <Table.Cell>
                            <FigureLink
                              figure={p.inactive}
                              label={`${name}, ${t.inactive(o.inactiveSchoolDays)}`}
                            />
                          </Table.Cell>
                        </Table.Row>
                      );
                    })}
                  </Table.Body>
                </Table>
              </div>
            )}
          </section>
        </>
      )}
      {schoolId !== null && <AbsenceSection schoolId={schoolId} />}
    </>
  );
}
