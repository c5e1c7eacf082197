import { Alert, Heading, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { useEffect, useRef, type ReactNode } from 'react';
import { ApiError } from './api/client';

/** The page's h1, focused on navigation so screen readers announce the new page. */
export function PageHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <Heading level={1} data-size="lg" ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </Heading>
  );
}

export function Loading({ label = 'Henter …' }: { label?: string }) {
  return (
    <div className="loading" role="status">
      <Spinner aria-hidden="true" data-size="sm" />
      <span>{label}</span>
    </div>
  );
}

/** What a person reads when a read fails: the API's Norwegian message, or a plain fallback. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 404) return 'Fant ikke det du lette etter, eller du har ikke tilgang til det.';
    if (error.status === 403) return error.body.message ?? 'Du har ikke tilgang til dette.';
    if (error.status === 429) return 'For mange forespørsler akkurat nå. Vent litt og prøv igjen.';
    if (error.body.message) return error.body.message;
    return 'Noe gikk galt hos oss. Prøv igjen om litt.';
  }
  return 'Fikk ikke kontakt med Tiltakstrappa. Sjekk nettverket og prøv igjen.';
}

export function LoadError({ error }: { error: unknown }) {
  return (
    <Alert data-color="danger">
      <Paragraph>{errorText(error)}</Paragraph>
    </Alert>
  );
}
