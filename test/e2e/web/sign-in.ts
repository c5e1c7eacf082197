// Signing a supertest agent in through the real local OIDC provider, as a browser would: the app's
// /api/auth/login, the provider's "Velg en demoperson" page and its form post, the redirects back
// to /api/auth/callback. The agent keeps the session cookie afterwards.
import request from 'supertest';
import type { SessionView } from '../../../apps/api/src/auth/sessions.service';

export type Agent = InstanceType<typeof request.agent>;

/** A demo staff member (its oidcSubject) or a subject of the provider's accounts. */
export type SignInAs = { oidcSubject: string } | string;

export interface SignInWalk {
  agent: Agent;
  /** The app's answer at /api/auth/callback: a 302 to returnTo when signed in, a 403 page when refused. */
  callback: request.Response;
  /** The provider's cookies of this browser (a Cookie header), e.g. to follow its logout page. */
  providerCookies: string;
}

export interface SignedIn {
  agent: Agent;
  /** GET /api/auth/session right after signing in (csrfToken for writes). */
  session: SessionView;
  /** Where the callback sent the browser (returnTo). */
  location: string;
}

/** Walks the whole sign-in and returns the callback's answer, whatever it is. */
export async function walkSignIn(
  agentOrBaseUrl: Agent | string,
  who: SignInAs,
  options: { returnTo?: string } = {},
): Promise<SignInWalk> {
  const agent = typeof agentOrBaseUrl === 'string' ? request.agent(agentOrBaseUrl) : agentOrBaseUrl;
  const subject = typeof who === 'string' ? who : who.oidcSubject;
  const login = await agent
    .get('/api/auth/login')
    .query(options.returnTo ? { returnTo: options.returnTo } : {});
  if (login.status !== 302) throw new Error(`/api/auth/login answered ${login.status}: ${login.text}`);

  // The provider's side, with its own cookies (a browser keeps them per site).
  const jar = new Map<string, string>();
  const remember = (res: Response) => {
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (pair && eq > 0) jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  };
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  let url = new URL(String(login.headers['location']));
  let method: 'GET' | 'POST' = 'GET';
  let body: string | undefined;
  for (let hop = 0; hop < 12; hop++) {
    if (url.pathname === '/api/auth/callback') {
      const callback = await agent.get(`${url.pathname}${url.search}`);
      return { agent, callback, providerCookies: cookieHeader() };
    }
    const res = await fetch(url, {
      method,
      redirect: 'manual',
      headers: {
        cookie: cookieHeader(),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body,
    });
    remember(res);
    method = 'GET';
    body = undefined;
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get('location') ?? '', url);
      continue;
    }
    const html = await res.text();
    if (res.status !== 200 || !url.pathname.startsWith('/interaction/'))
      throw new Error(`The provider answered ${res.status} at ${url.pathname}: ${html.slice(0, 300)}`);
    // The person's button: a form with a hidden subject field.
    const form = [
      ...html.matchAll(
        /<form method="post" action="([^"]+)">\s*<input type="hidden" name="subject" value="([^"]*)">/g,
      ),
    ].find((m) => unescapeHtml(m[2] ?? '') === subject);
    if (!form) throw new Error(`"${subject}" is not on the provider's "Velg en demoperson" page`);
    url = new URL(unescapeHtml(form[1] ?? ''), url);
    method = 'POST';
    body = new URLSearchParams({ subject }).toString();
  }
  throw new Error('Too many redirects while signing in');
}

/** Signs in and fails unless the app accepted the person; returns the agent with its session. */
export async function signIn(
  agentOrBaseUrl: Agent | string,
  who: SignInAs,
  options: { returnTo?: string } = {},
): Promise<SignedIn> {
  const { agent, callback } = await walkSignIn(agentOrBaseUrl, who, options);
  if (callback.status !== 302)
    throw new Error(`Sign-in refused (${callback.status}): ${callback.text.slice(0, 300)}`);
  const session = await agent.get('/api/auth/session');
  if (session.status !== 200)
    throw new Error(`No session after signing in (${session.status}): ${session.text}`);
  return { agent, session: session.body as SessionView, location: String(callback.headers['location']) };
}

function unescapeHtml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
