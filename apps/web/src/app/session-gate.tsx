import { Paragraph } from '@digdir/designsystemet-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { api, currentPath, navigation, setCsrfToken, unwrap } from '../shared/api/client';
import { SessionContext, type SessionView } from '../shared/session';
import { LoadError, Loading } from '../shared/ui';
import { appTexts } from './texts';

class SignedOut extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

export async function fetchSession(): Promise<SessionView> {
  const result = await api.GET('/api/auth/session');
  if (result.response.status === 401) {
    throw new SignedOut((result.error as { code?: string } | undefined)?.code ?? 'UNAUTHENTICATED');
  }
  return unwrap(result);
}

export const sessionQueryKey = ['session'] as const;

/** Renders its children only for a signed-in person; sends everyone else to sign in and back. */
export function SessionGate({ children }: { children: ReactNode }) {
  const session = useQuery({
    queryKey: sessionQueryKey,
    queryFn: fetchSession,
    retry: false,
    staleTime: 60_000,
  });
  const signedOut = session.error instanceof SignedOut ? session.error : null;

  useEffect(() => {
    if (signedOut) navigation.toSignIn(currentPath());
  }, [signedOut]);
  useEffect(() => {
    setCsrfToken(session.data?.csrfToken ?? null);
  }, [session.data?.csrfToken]);

  if (signedOut) {
    return (
      <main id="main" className="page">
        <Paragraph role="status">
          {signedOut.code === 'SESSION_EXPIRED' ? appTexts.sessionExpired : appTexts.signingIn}
        </Paragraph>
      </main>
    );
  }
  if (session.isPending) {
    return (
      <main id="main" className="page">
        <Loading />
      </main>
    );
  }
  if (session.isError) {
    return (
      <main id="main" className="page">
        <LoadError error={session.error} />
      </main>
    );
  }
  // The token must be in place before any child renders a form that writes.
  setCsrfToken(session.data.csrfToken);
  return <SessionContext.Provider value={session.data}>{children}</SessionContext.Provider>;
}
