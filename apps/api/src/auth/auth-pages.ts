// The few pages the sign-in itself answers with, in Norwegian: the browser arrives at them by a
// redirect, so a JSON error would be a dead end. Plain HTML with no script, style or image: the API's
// own CSP (default-src 'none') holds for them.
import type { SignInFailure } from './oidc-sign-in.service';

const LOGIN_PATH = '/api/auth/login';

const escape = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

function page(title: string, paragraphs: string[], links: { href: string; text: string }[]): string {
  return `<!DOCTYPE html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} – Tiltakstrappa</title>
</head>
<body>
<main>
<h1>${escape(title)}</h1>
${paragraphs.map((p) => `<p>${escape(p)}</p>`).join('\n')}
<ul>
${links.map((l) => `<li><a href="${escape(l.href)}">${escape(l.text)}</a></li>`).join('\n')}
</ul>
</main>
</body>
</html>
`;
}

/** 403: signed in at the provider, but no active staff row has that person's id. */
export function noAccessPage(endSessionUrl: string | null): string {
  const links = [{ href: LOGIN_PATH, text: 'Logg inn på nytt' }];
  if (endSessionUrl)
    links.push({ href: endSessionUrl, text: 'Logg ut av innloggingstjenesten (for å bytte bruker)' });
  return page(
    'Du har ikke tilgang til Tiltakstrappa',
    [
      'Du er logget inn, men brukeren din er ikke registrert som ansatt i Tiltakstrappa, eller tilgangen din er avsluttet.',
      'Ta kontakt med skoleledelsen eller den som administrerer Tiltakstrappa i kommunen hvis du skal ha tilgang.',
    ],
    links,
  );
}

const FAILURES: Record<SignInFailure, { status: number; title: string; text: string }> = {
  'provider-unavailable': {
    status: 503,
    title: 'Innloggingen er ikke tilgjengelig akkurat nå',
    text: 'Vi får ikke kontakt med innloggingstjenesten. Prøv igjen om litt.',
  },
  'login-expired': {
    status: 400,
    title: 'Innloggingen kunne ikke fullføres',
    text: 'Innloggingen tok for lang tid, eller den ble startet i en annen fane. Prøv igjen.',
  },
  'login-refused': {
    status: 400,
    title: 'Innloggingen ble avbrutt',
    text: 'Innloggingstjenesten fullførte ikke innloggingen. Prøv igjen.',
  },
  'no-subject': {
    status: 403,
    title: 'Innloggingen kunne ikke fullføres',
    text: 'Innloggingstjenesten sendte ikke med brukeridentiteten din. Ta kontakt med den som administrerer Tiltakstrappa.',
  },
};

export function signInFailurePage(failure: SignInFailure): { status: number; html: string } {
  const { status, title, text } = FAILURES[failure];
  return { status, html: page(title, [text], [{ href: LOGIN_PATH, text: 'Prøv å logge inn igjen' }]) };
}
