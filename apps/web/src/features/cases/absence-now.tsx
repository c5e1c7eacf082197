import { Card, Heading, Paragraph, Table, Tag } from '@digdir/designsystemet-react';
import type { Schemas } from '../../shared/api/client';
import { calendarDateText } from '../../shared/format';
import { AbsenceFigureRows } from '../../shared/absence-figures';
import { triggerLabel } from '../../shared/labels';
import { t } from './texts';

type Absence = Schemas['CaseAbsenceDto'];

/** The figure an evaluation starts from: the last four school weeks, else the school year. */
export function absencePercentNow(absence: Absence | null | undefined): number | null {
  if (!absence) return null;
  return absence.recentPercent ?? absence.schoolYearPercent;
}

/** The student's absence now, as the school's absence overview computes it. */
export function AbsenceNow({ absence }: { absence: Absence | null | undefined }) {
  const x = t.casePage.absenceNow;
  const pattern = absence
    ? [
        ...absence.weekdays.map((w) => t.weekdays[w]),
        ...absence.subjects.map((s) => `${x.subject} ${s}`),
        ...absence.teachers.map((s) => `${x.teacher} ${s}`),
      ]
    : [];
  return (
    <Card data-color="neutral" className="case-card case-card--wide" aria-labelledby="absence-now-heading">
      <Heading level={2} data-size="xs" id="absence-now-heading">
        {x.title}
      </Heading>
      {!absence ? (
        <Paragraph>{x.none}</Paragraph>
      ) : (
        <div className="table-scroll">
          <Table data-size="sm">
            <caption className="visually-hidden">{x.caption}</caption>
            <Table.Body>
              <AbsenceFigureRows figures={absence} />
              <Table.Row>
                <Table.HeaderCell scope="row">{x.pattern}</Table.HeaderCell>
                <Table.Cell>{pattern.length > 0 ? pattern.join(', ') : '–'}</Table.Cell>
              </Table.Row>
              <Table.Row>
                <Table.HeaderCell scope="row">{x.flags}</Table.HeaderCell>
                <Table.Cell>
                  {absence.flags.length === 0
                    ? x.noFlags
                    : absence.flags.map((f) => (
                        <Tag key={f} data-color="warning" data-size="sm" className="flag">
                          {triggerLabel[f]}
                        </Tag>
                      ))}
                </Table.Cell>
              </Table.Row>
            </Table.Body>
          </Table>
        </div>
      )}
      {absence && <Paragraph data-size="sm">{x.asOf(calendarDateText(absence.evaluatedOn))}</Paragraph>}
    </Card>
  );
}
