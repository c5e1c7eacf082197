import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, Navigate, RouterProvider, type RouteObject } from 'react-router';
import { ActivityPlanPage } from '../features/cases/activity-plan-page';
import { AuditTrailPage } from '../features/cases/audit-trail-page';
import { CaseListPage } from '../features/cases/case-list-page';
import { CasePage } from '../features/cases/case-page';
import { NewCasePage } from '../features/cases/new-case-page';
import { CalendarPage, StaffPage, StudentsPage } from '../features/directory/directory-pages';
import { OverviewPage } from '../features/overview/overview-page';
import { ProposalsPage } from '../features/absence/proposals-page';
import { useSession } from '../shared/session';
import { PageHeading } from '../shared/ui';
import { Paragraph } from '@digdir/designsystemet-react';
import { Layout } from './layout';
import { SessionGate } from './session-gate';
import { appTexts } from './texts';

function Home() {
  const { actingAs } = useSession();
  return <Navigate to={actingAs.role === 'school-leadership' ? '/overview' : '/cases'} replace />;
}

function NotFound() {
  return (
    <>
      <title>{`${appTexts.notFoundTitle} – Tiltakstrappa`}</title>
      <PageHeading>{appTexts.notFoundTitle}</PageHeading>
      <Paragraph>{appTexts.notFoundBody}</Paragraph>
    </>
  );
}

export const routes: RouteObject[] = [
  {
    element: (
      <SessionGate>
        <Layout />
      </SessionGate>
    ),
    children: [
      { index: true, element: <Home /> },
      { path: 'cases', element: <CaseListPage /> },
      { path: 'cases/new', element: <NewCasePage /> },
      { path: 'cases/:caseId', element: <CasePage /> },
      { path: 'cases/:caseId/audit', element: <AuditTrailPage /> },
      { path: 'cases/:caseId/plan', element: <ActivityPlanPage /> },
      { path: 'overview', element: <OverviewPage /> },
      { path: 'forslag', element: <ProposalsPage /> },
      { path: 'admin/students', element: <StudentsPage /> },
      { path: 'admin/staff', element: <StaffPage /> },
      { path: 'admin/calendar', element: <CalendarPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
];

/** Server state lives only in this in-memory cache: nothing is written to browser storage. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        retry: (count, error) => count < 2 && !('status' in error),
        refetchOnWindowFocus: true,
      },
    },
  });
}

const router = createBrowserRouter(routes);
const queryClient = createQueryClient();

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
