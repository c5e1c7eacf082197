import { Button, Field, Label, Select, SkipLink } from '@digdir/designsystemet-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { api, setCsrfToken } from '../shared/api/client';
import { partnerRoles, roleLabel } from '../shared/labels';
import { useSession, type SessionView, type StaffAssignment } from '../shared/session';
import { sessionQueryKey } from './session-gate';
import { appTexts as t } from './texts';

function assignmentText(a: StaffAssignment): string {
  return `${roleLabel[a.role]}, ${a.schoolName ?? t.municipalityWide}`;
}

function navItems(session: SessionView): { to: string; label: string }[] {
  const role = session.actingAs.role;
  if (role === 'school-leadership') {
    return [
      { to: '/overview', label: t.nav.overview },
      { to: '/cases', label: t.nav.cases },
      { to: '/forslag', label: t.nav.proposals },
      { to: '/admin/students', label: t.nav.students },
      { to: '/admin/staff', label: t.nav.staff },
      { to: '/admin/calendar', label: t.nav.calendar },
    ];
  }
  if (role === 'contact-teacher') {
    return [
      { to: '/cases', label: t.nav.myCases },
      { to: '/forslag', label: t.nav.proposals },
      { to: '/cases/new', label: t.nav.newCase },
    ];
  }
  if (partnerRoles.includes(role)) return [{ to: '/cases', label: t.nav.partnerCases }];
  return [{ to: '/cases', label: t.nav.cases }];
}

function AssignmentSwitcher({ session }: { session: SessionView }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  if (session.assignments.length < 2) {
    return <p className="acting-as">{assignmentText(session.actingAs)}</p>;
  }
  async function choose(staffId: string) {
    setBusy(true);
    try {
      const result = await api.PUT('/api/auth/session/acting-as', { body: { staffId } });
      if (result.data) {
        const next = result.data;
        setCsrfToken(next.csrfToken);
        // Another assignment sees other cases: nothing cached for the previous one may show.
        queryClient.clear();
        queryClient.setQueryData(sessionQueryKey, next);
        void navigate('/');
      }
    } finally {
      setBusy(false);
    }
  }
  return (
    <Field className="acting-as">
      <Label htmlFor="acting-as">{t.actingAs}</Label>
      <Select
        id="acting-as"
        value={session.actingAs.staffId}
        disabled={busy}
        onChange={(e) => void choose(e.target.value)}
        data-size="sm"
      >
        {session.assignments.map((a) => (
          <Select.Option key={a.staffId} value={a.staffId}>
            {assignmentText(a)}
          </Select.Option>
        ))}
      </Select>
    </Field>
  );
}

export function Layout() {
  const session = useSession();
  async function signOut() {
    const result = await api.POST('/api/auth/logout');
    window.location.assign(result.data?.endSessionUrl ?? '/');
  }
  return (
    <>
      <SkipLink href="#main">{t.skipToMain}</SkipLink>
      <header className="app-header">
        <div className="app-header__top">
          <a className="app-name" href="/">
            {t.appName}
          </a>
          <div className="app-header__person">
            <span className="person-name">{session.person.name}</span>
            <AssignmentSwitcher session={session} />
            <Button variant="tertiary" data-size="sm" onClick={() => void signOut()}>
              {t.signOut}
            </Button>
          </div>
        </div>
        <nav aria-label={t.mainNav} className="app-nav">
          <ul>
            {navItems(session).map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end>
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
