import { Field, Label, Paragraph, Select, Table, Tag } from '@digdir/designsystemet-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../shared/api/client';
import { calendarDateText, todayInOslo } from '../../shared/format';
import { roleLabel } from '../../shared/labels';
import { useSession } from '../../shared/session';
import { LoadError, Loading, PageHeading } from '../../shared/ui';
import { ConcernProfileForm } from './concern-profile-form';
import { t } from './texts';

function useStaff(schoolId: string | null) {
  return useQuery({
    queryKey: ['staff', schoolId],
    enabled: schoolId !== null,
    queryFn: async () =>
      unwrap(await api.GET('/api/staff', { params: { query: { schoolId: schoolId ?? '' } } })),
  });
}

const percent = (n: number) => `${String(n).replace('.', ',')} %`;

export function StudentsPage() {
  const { actingAs } = useSession();
  const schoolId = actingAs.schoolId;
  const mayManage = actingAs.role === 'school-leadership';
  const students = useQuery({
    queryKey: ['students', schoolId],
    enabled: schoolId !== null,
    queryFn: async () =>
      unwrap(await api.GET('/api/students', { params: { query: { schoolId: schoolId ?? '' } } })),
  });
  const staff = useStaff(schoolId);
  const teacherName = new Map((staff.data ?? []).map((s) => [s.id, s.displayName]));
  const rows = [...(students.data ?? [])].sort(
    (a, b) => a.className.localeCompare(b.className, 'nb') || a.familyName.localeCompare(b.familyName, 'nb'),
  );
  return (
    <>
      <title>{`${t.students.title} – Tiltakstrappa`}</title>
      <PageHeading>{t.students.title}</PageHeading>
      <Paragraph>{t.students.intro}</Paragraph>
      {schoolId === null && <Paragraph>{t.calendar.noSchool}</Paragraph>}
      {students.isPending && schoolId !== null && <Loading />}
      {students.isError && <LoadError error={students.error} />}
      {students.isSuccess && rows.length === 0 && <Paragraph>{t.students.empty}</Paragraph>}
      {rows.length > 0 && (
        <div className="table-scroll">
          <Table zebra>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t.students.name}</Table.HeaderCell>
                <Table.HeaderCell>{t.students.className}</Table.HeaderCell>
                <Table.HeaderCell>{t.students.contactTeacher}</Table.HeaderCell>
                <Table.HeaderCell>{t.students.threshold}</Table.HeaderCell>
                <Table.HeaderCell>{t.students.profile}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {rows.map((s) => (
                <Table.Row key={s.id}>
                  <Table.Cell>
                    {s.givenName} {s.familyName}
                  </Table.Cell>
                  <Table.Cell>{s.className}</Table.Cell>
                  <Table.Cell>{teacherName.get(s.contactTeacherId) ?? '–'}</Table.Cell>
                  <Table.Cell>{percent(s.concernThresholdPercent)}</Table.Cell>
                  <Table.Cell>
                    {s.concernProfile ? (
                      <>
                        <Tag data-color="info">{t.students.reasons[s.concernProfile.reason]}</Tag>{' '}
                        {t.students.reviewOn(calendarDateText(s.concernProfile.reviewOn))}
                      </>
                    ) : (
                      t.students.none
                    )}
                    {mayManage && <ConcernProfileForm student={s} />}
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
    </>
  );
}

export function StaffPage() {
  const { actingAs } = useSession();
  const staff = useStaff(actingAs.schoolId);
  const rows = [...(staff.data ?? [])].sort((a, b) => a.displayName.localeCompare(b.displayName, 'nb'));
  return (
    <>
      <title>{`${t.staff.title} – Tiltakstrappa`}</title>
      <PageHeading>{t.staff.title}</PageHeading>
      <Paragraph>{t.staff.intro}</Paragraph>
      {staff.isPending && actingAs.schoolId !== null && <Loading />}
      {staff.isError && <LoadError error={staff.error} />}
      {staff.isSuccess && rows.length === 0 && <Paragraph>{t.staff.empty}</Paragraph>}
      {rows.length > 0 && (
        <div className="table-scroll">
          <Table zebra>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t.staff.name}</Table.HeaderCell>
                <Table.HeaderCell>{t.staff.role}</Table.HeaderCell>
                <Table.HeaderCell>{t.staff.email}</Table.HeaderCell>
                <Table.HeaderCell>{t.staff.active}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {rows.map((s) => (
                <Table.Row key={s.id}>
                  <Table.Cell>{s.displayName}</Table.Cell>
                  <Table.Cell>{roleLabel[s.role]}</Table.Cell>
                  <Table.Cell>{s.email}</Table.Cell>
                  <Table.Cell>
                    {s.active ? t.staff.isActive : <Tag data-color="neutral">{t.staff.inactive}</Tag>}
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
    </>
  );
}

/** "2026-2027" for a date in the autumn term of 2026 or the spring term of 2027. */
export function schoolYearOf(isoDate: string): string {
  const [year = 0, month = 1] = isoDate.split('-').map(Number);
  const start = month >= 8 ? year : year - 1;
  return `${start}-${start + 1}`;
}

export function CalendarPage() {
  const { actingAs } = useSession();
  const schoolId = actingAs.schoolId;
  const calendars = useQuery({
    queryKey: ['calendars', schoolId],
    enabled: schoolId !== null,
    queryFn: async () =>
      unwrap(await api.GET('/api/schools/{id}/calendars', { params: { path: { id: schoolId ?? '' } } })),
  });
  const years = (calendars.data ?? []).map((c) => c.schoolYear).sort();
  const [chosen, setChosen] = useState<string | null>(null);
  const current = schoolYearOf(todayInOslo());
  const schoolYear = chosen ?? (years.includes(current) ? current : (years[years.length - 1] ?? current));
  const calendar = {
    isPending: calendars.isPending,
    isError: calendars.isError,
    error: calendars.error,
    isSuccess: calendars.isSuccess,
    data: calendars.data ? (calendars.data.find((c) => c.schoolYear === schoolYear) ?? null) : undefined,
  };
  return (
    <>
      <title>{`${t.calendar.title} – Tiltakstrappa`}</title>
      <PageHeading>{t.calendar.title}</PageHeading>
      <Paragraph>{t.calendar.intro}</Paragraph>
      {schoolId === null && <Paragraph>{t.calendar.noSchool}</Paragraph>}
      <Field className="narrow-field">
        <Label htmlFor="school-year">{t.calendar.schoolYear}</Label>
        <Select id="school-year" value={schoolYear} onChange={(e) => setChosen(e.target.value)}>
          {(years.length > 0 ? years : [current]).map((y) => (
            <Select.Option key={y} value={y}>
              {y.replace('-', '–')}
            </Select.Option>
          ))}
        </Select>
      </Field>
      {calendar.isPending && schoolId !== null && <Loading />}
      {calendar.isError && <LoadError error={calendar.error} />}
      {calendar.isSuccess && calendar.data === null && <Paragraph>{t.calendar.missing}</Paragraph>}
      {calendar.data && (
        <>
          <dl className="case-facts">
            <div>
              <dt>{t.calendar.firstDay}</dt>
              <dd>{calendarDateText(calendar.data.firstDay)}</dd>
            </div>
            <div>
              <dt>{t.calendar.lastDay}</dt>
              <dd>{calendarDateText(calendar.data.lastDay)}</dd>
            </div>
          </dl>
          <div className="table-scroll">
            <Table zebra>
              <caption>{t.calendar.closed}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t.calendar.name}</Table.HeaderCell>
                  <Table.HeaderCell>{t.calendar.kind}</Table.HeaderCell>
                  <Table.HeaderCell>{t.calendar.from}</Table.HeaderCell>
                  <Table.HeaderCell>{t.calendar.to}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {calendar.data.closedPeriods.map((p) => (
                  <Table.Row key={`${p.from}-${p.name}`}>
                    <Table.Cell>{p.name}</Table.Cell>
                    <Table.Cell>{t.calendar.kinds[p.kind]}</Table.Cell>
                    <Table.Cell>{calendarDateText(p.from)}</Table.Cell>
                    <Table.Cell>{calendarDateText(p.to)}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        </>
      )}
    </>
  );
}
