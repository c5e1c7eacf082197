import { Button, Link, Paragraph, Table, Tag } from '@digdir/designsystemet-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { api, unwrap } from '../../shared/api/client';
import { dateTimeText, dueText } from '../../shared/format';
import { deadlineLabel, partnerRoles, statusLabel, stepTitle } from '../../shared/labels';
import { useSession } from '../../shared/session';
import { LoadError, Loading, PageHeading } from '../../shared/ui';
import { caseKeys, type CaseListItem, type CaseListQuery } from './api';
import { t } from './texts';

/** List filters that may appear in the page's URL: none of them is personal data. */
const filterParams = [
  'step',
  'status',
  'overdue',
  'escalated',
  'deadlineBefore',
  'dueBefore',
  'dueAfter',
  'inactiveSchoolDays',
  'ownerStaffId',
  'mine',
] as const;

function queryFromSearch(search: URLSearchParams, schoolId: string | null): CaseListQuery {
  const query: Record<string, string | number | boolean> = {};
  for (const name of filterParams) {
    const value = search.get(name);
    if (value === null || value === '') continue;
    query[name] =
      value === 'true' ? true : value === 'false' ? false : /^\d+$/.test(value) ? Number(value) : value;
  }
  if (schoolId) query['schoolId'] = schoolId;
  return query as CaseListQuery;
}

/** The list's filters in words, so a person sees what the numbers they clicked mean. */
function filterText(search: URLSearchParams, ownerName: string | null | undefined): string {
  const parts: string[] = [];
  const v = (name: string) => search.get(name);
  if (v('overdue') === 'true') parts.push(t.list.filters.overdue);
  if (v('escalated') === 'true') parts.push(t.list.filters.escalated);
  const step = v('step');
  if (step) parts.push(t.list.filters.step(step));
  const status = v('status') as keyof typeof statusLabel | null;
  if (status && statusLabel[status]) parts.push(statusLabel[status].toLowerCase());
  const after = v('dueAfter');
  const before = v('dueBefore') ?? v('deadlineBefore');
  if (after) parts.push(t.list.filters.dueAfter(dateTimeText(after)));
  if (before) parts.push(t.list.filters.dueBefore(dateTimeText(before)));
  const inactive = v('inactiveSchoolDays');
  if (inactive) parts.push(t.list.filters.inactive(inactive));
  if (v('ownerStaffId')) parts.push(t.list.filters.owner(ownerName ?? ''));
  if (v('mine') === 'true') parts.push(t.list.filters.mine);
  return parts.join(', ');
}

export function CaseListPage() {
  const session = useSession();
  const [search] = useSearchParams();
  const role = session.actingAs.role;
  const query = queryFromSearch(search, role === 'school-leadership' ? session.actingAs.schoolId : null);
  const filtered = filterParams.some((name) => search.has(name));
  const list = useInfiniteQuery({
    queryKey: caseKeys.list(query),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(await api.GET('/api/cases', { params: { query: { ...query, limit: 100, cursor: pageParam } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows: CaseListItem[] = list.data?.pages.flatMap((p) => p.items) ?? [];

  const isPartner = partnerRoles.includes(role);
  const title = filtered
    ? t.list.filteredTitle
    : role === 'contact-teacher'
      ? t.list.myTitle
      : isPartner
        ? t.list.partnerTitle
        : t.list.allTitle;

  const total = list.data?.pages[0]?.total ?? 0;

  return (
    <>
      <title>{`${title} – Tiltakstrappa`}</title>
      <PageHeading>{title}</PageHeading>
      <Paragraph>{isPartner ? t.list.partnerIntro : t.list.intro}</Paragraph>
      {filtered && (
        <Paragraph>
          <strong>{t.list.filterHeading}:</strong> {filterText(search, rows[0]?.owner?.name)}
        </Paragraph>
      )}
      <div className="toolbar">
        {role === 'contact-teacher' && (
          <Button asChild>
            <RouterLink to="/cases/new">{t.list.newCase}</RouterLink>
          </Button>
        )}
        {filtered && (
          <Link asChild>
            <RouterLink to="/cases">{t.list.clearFilter}</RouterLink>
          </Link>
        )}
      </div>
      {list.isPending && <Loading />}
      {list.isError && <LoadError error={list.error} />}
      {list.isSuccess && rows.length === 0 && <Paragraph>{t.list.empty}</Paragraph>}
      {rows.length > 0 && (
        <>
          <Paragraph role="status">{t.list.count(total)}</Paragraph>
          <div className="table-scroll">
            <Table zebra className="case-table">
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t.list.student}</Table.HeaderCell>
                  <Table.HeaderCell>{t.list.step}</Table.HeaderCell>
                  <Table.HeaderCell>{t.list.next}</Table.HeaderCell>
                  <Table.HeaderCell>{t.list.status}</Table.HeaderCell>
                  {role !== 'contact-teacher' && <Table.HeaderCell>{t.list.owner}</Table.HeaderCell>}
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {rows.map((row) => {
                  const student = row.student;
                  return (
                    <Table.Row key={row.caseId}>
                      <Table.Cell>
                        <Link asChild>
                          <RouterLink to={`/cases/${row.caseId}`}>
                            {student ? `${student.name}, ${student.className}` : t.list.hiddenStudent}
                          </RouterLink>
                        </Link>
                      </Table.Cell>
                      <Table.Cell>
                        {row.step}. {stepTitle[row.step]}
                      </Table.Cell>
                      <Table.Cell>
                        {row.nextDeadline ? (
                          <>
                            {deadlineLabel[row.nextDeadline.kind]}
                            <br />
                            <strong>{dueText(row.nextDeadline.dueAt)}</strong>
                          </>
                        ) : (
                          t.list.noDeadline
                        )}
                      </Table.Cell>
                      <Table.Cell>
                        <span className="tags">
                          {statusLabel[row.status]}
                          {row.overdue && <Tag data-color="danger">{t.list.overdue}</Tag>}
                          {row.escalated && <Tag data-color="warning">{t.list.escalated}</Tag>}
                        </span>
                      </Table.Cell>
                      {role !== 'contact-teacher' && <Table.Cell>{row.owner?.name ?? '–'}</Table.Cell>}
                    </Table.Row>
                  );
                })}
              </Table.Body>
            </Table>
          </div>
          {list.hasNextPage && (
            <Button
              variant="secondary"
              onClick={() => void list.fetchNextPage()}
              loading={list.isFetchingNextPage}
            >
              {t.list.more}
            </Button>
          )}
        </>
      )}
    </>
  );
}
