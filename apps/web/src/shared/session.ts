import { createContext, useContext } from 'react';
import type { Role } from './labels';

// The signed-in person as GET /api/auth/session describes them (WEB-CONTRACT, web-auth).
export interface StaffAssignment {
  staffId: string;
  name: string;
  role: Role;
  schoolId: string | null;
  schoolName: string | null;
}

export interface SessionView {
  person: { name: string };
  actingAs: StaffAssignment;
  assignments: StaffAssignment[];
  csrfToken: string;
  idleExpiresAt: string;
  absoluteExpiresAt: string;
}

export const SessionContext = createContext<SessionView | null>(null);

/** The session; every page below the app shell has one. */
export function useSession(): SessionView {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside the signed-in app shell');
  return session;
}
