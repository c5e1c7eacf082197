import { Heading, Link, Paragraph, Table, Tag } from '@digdir/designsystemet-react';
import { useQuery } from '@tanstack/react-query';
import { Link as RouterLink } from 'react-router';
import { api, unwrap, type Schemas } from '../../shared/api/client';
import { absenceFigureLabel, percentText } from '../../shared/absence-figures';
import { trendLabel, triggerLabel } from '../../shared/labels';
import { LoadError, Loading } from '../../shared/ui';

type Student = Schemas['OverviewStudentDto'];

const at = {
  title: 'Fravær',
  intro:
    'Hver elevs fravær fra skolens fraværsregistrering: dette skoleåret, de siste fire skoleukene og utviklingen.',
  withoutCase: 'Over en grense uten åpen sak',
  missingPlanRate: 'Andel uten plan',
  over: 'Over en grense',
  allStudents: 'Alle elever',
  student: 'Elev',
  flags: 'Over grense',
  case: 'Sak',
  openCase: 'Åpen sak',
  noCase: 'Ingen sak',
  noFigures: 'Ingen registreringer',
  none: 'Ingen elever er over en grense uten åpen sak.',
  rate: (r: number | null) => (r === null ? '–' : `${Math.round(r * 100)} %`),
} as const;

function StudentRow({ s }: { s: Student }) {
  const name = `${s.givenName} ${s.familyName}, ${s.className}`;
  return (
    <Table.Row>
      <Table.HeaderCell scope="row">{name}</Table.HeaderCell>
      <Table.Cell>{s.figures ? percentText(s.figures.schoolYearPercent) : at.noFigures}</Table.Cell>
      <Table.Cell>{s.figures ? percentText(s.figures.recentPercent) : '–'}</Table.Cell>
      <Table.Cell>{s.figures ? trendLabel[s.figures.trend] : '–'}</Table.Cell>
      <Table.Cell>
        {s.flags.map((f) => (
          <Tag key={f} data-color="warning" data-size="sm" className="flag">
            {triggerLabel[f]}
          </Tag>
        ))}
      </Table.Cell>
      <Table.Cell>
        {s.openCaseId ? (
          <Link asChild>
            <RouterLink to={`/cases/${s.openCaseId}`} aria-label={`${at.openCase}: ${name}`}>
              {at.openCase}
            </RouterLink>
          </Link>
        ) : (
          at.noCase
        )}
      </Table.Cell>
    </Table.Row>
  );
}

function StudentTable({ students, caption }: { students: Student[]; caption: string }) {
  return (
    <div className="table-scroll">
      <Table zebra data-size="sm">
        <caption className="visually-hidden">{caption}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{at.student}</Table.HeaderCell>
            <Table.HeaderCell>{absenceFigureLabel.schoolYear}</Table.HeaderCell>
            <Table.HeaderCell>{absenceFigureLabel.recent}</Table.HeaderCell>
            <Table.HeaderCell>{absenceFigureLabel.trend}</Table.HeaderCell>
            <Table.HeaderCell>{at.flags}</Table.HeaderCell>
            <Table.HeaderCell>{at.case}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {students.map((s) => (
            <StudentRow key={s.studentId} s={s} />
          ))}
        </Table.Body>
      </Table>
    </div>
  );
}

/** The school's absence overview (issue 10): figures and trend per student, and who is over a threshold without a case. */
export function AbsenceSection({ schoolId }: { schoolId: string }) {
  const overview = useQuery({
    queryKey: ['absence-overview', schoolId],
    queryFn: async () =>
      unwrap(await api.GET('/api/schools/{schoolId}/absence-overview', { params: { path: { schoolId } } })),
  });
  const o = overview.data;
  const without = o?.students.filter((s) => s.withoutOpenCase) ?? [];
  return (
    <section aria-labelledby="overview-absence" className="overview-absence">
      <Heading level={2} data-size="sm" id="overview-absence">
        {at.title}
      </Heading>
      <Paragraph>{at.intro}</Paragraph>
      {overview.isPending && <Loading />}
      {overview.isError && <LoadError error={overview.error} />}
      {o && (
        <>
          <Table data-size="sm">
            <Table.Body>
              <Table.Row>
                <Table.HeaderCell scope="row">{at.over}</Table.HeaderCell>
                <Table.Cell>{o.overThreshold}</Table.Cell>
              </Table.Row>
              <Table.Row>
                <Table.HeaderCell scope="row">{at.withoutCase}</Table.HeaderCell>
                <Table.Cell>{o.overThresholdWithoutOpenCase}</Table.Cell>
              </Table.Row>
              <Table.Row>
                <Table.HeaderCell scope="row">{at.missingPlanRate}</Table.HeaderCell>
                <Table.Cell>{at.rate(o.missingPlanRate)}</Table.Cell>
              </Table.Row>
            </Table.Body>
          </Table>
          <Heading level={3} data-size="xs">
            {at.withoutCase}
          </Heading>
          {without.length === 0 ? (
            <Paragraph>{at.none}</Paragraph>
          ) : (
            <StudentTable students={without} caption={at.withoutCase} />
          )}
          <Heading level={3} data-size="xs">
            {at.allStudents}
          </Heading>
          <StudentTable students={o.students} caption={at.allStudents} />
        </>
      )}
    </section>
  );
}
