import { createContext, useContext } from 'react';
import type { Schemas } from './api/client';

// The signed-in person as GET /api/auth/session describes them.
export type StaffAssignment = Schemas['StaffAssignmentDto'];
export type SessionView = Schemas['SessionResponseDto'];

export const SessionContext = createContext<SessionView | null>(null);

/** The session; every page below the app shell has one. */
export function useSession(): SessionView {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside the signed-in app shell');
  return session;
}
