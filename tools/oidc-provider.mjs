// The local OpenID Connect provider of the embedded stack (`npm start`) and the tests: a real
// authorization server (oidc-provider) whose accounts are the synthetic demo staff, so signing in
// locally runs exactly the code that signs in against Feide. Not for production: its own state
// (sessions, codes, grants) lives in memory and is gone when it stops; the app keeps its own sessions.
//
//   node tools/oidc-provider.mjs     prints one JSON line {"issuer": …} on stdout once it listens
//
// Environment (npm start and the test harness set it):
//   OIDC_PROVIDER_PORT          port (default 4000); the issuer is http://localhost:<port>
//   AUTH_OIDC_CLIENT_ID         the app's client id (default tiltakstrappa-local)
//   AUTH_OIDC_CLIENT_SECRET     the app's client secret (required)
//   PUBLIC_BASE_URL             the app's origin: redirect ${PUBLIC_BASE_URL}/api/auth/callback
//   OIDC_PROVIDER_SIGNING_JWK   private RSA JWK (JSON) the ID tokens are signed with (default: new each start)
//   OIDC_PROVIDER_ACCOUNTS      JSON [{subject, name, description}] (default: the demo staff, from apps/api/dist)
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Provider, { interactionPolicy } from 'oidc-provider';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

export const DEFAULT_OIDC_PROVIDER_PORT = 4000;
export const DEFAULT_CLIENT_ID = 'tiltakstrappa-local';
const FEIDE_SCOPE = 'userid-feide';
const FEIDE_NAME_CLAIM = 'https://n.feide.no/claims/eduPersonPrincipalName';

const STYLE = `
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1e1e1e;
  background: #f4f5f6; line-height: 1.5; font-size: 1.125rem; }
main { max-width: 40rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.75rem; margin: 0 0 0.5rem; }
p { margin: 0 0 1rem; }
.notice { background: #fff4d6; border-left: 0.25rem solid #b58a00; padding: 0.75rem 1rem; }
ul { list-style: none; padding: 0; margin: 0; }
li { margin: 0 0 0.75rem; }
form { margin: 0; }
button { display: block; width: 100%; text-align: left; font: inherit; color: inherit; background: #fff;
  border: 0.125rem solid #5a6673; border-radius: 0.375rem; padding: 0.75rem 1rem; cursor: pointer; }
button:hover { background: #e8f0fb; border-color: #0062ba; }
button:focus-visible { outline: 0.1875rem solid #0062ba; outline-offset: 0.125rem; }
.name { display: block; font-weight: 600; }
.what { display: block; font-size: 1rem; color: #44505c; }
.actions { display: flex; gap: 0.75rem; flex-wrap: wrap; }
.actions button { width: auto; }
`;

const escapeHtml = (value) =>
  String(value).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );

function page(title, body) {
  return `<!DOCTYPE html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – demo-innlogging</title>
<link rel="stylesheet" href="/demo-login.css">
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

/** The demo accounts: from OIDC_PROVIDER_ACCOUNTS, else the compiled demo data of the API. */
export function loadAccounts(env = process.env) {
  if (env.OIDC_PROVIDER_ACCOUNTS) return JSON.parse(env.OIDC_PROVIDER_ACCOUNTS);
  const compiled = path.join(root, 'apps', 'api', 'dist', 'demo', 'demo-accounts.js');
  try {
    return require(compiled).demoSignInAccounts();
  } catch (err) {
    throw new Error(`Cannot read the demo accounts from ${compiled} (run \`npm run build\`): ${err.message}`);
  }
}

/**
 * Starts the provider. Resolves once it listens, with its issuer and a close function.
 * @param {{ port?: number, clientId?: string, clientSecret: string, appBaseUrl: string,
 *           accounts: {subject: string, name: string, description: string}[], signingJwk?: object }} options
 */
export async function startOidcProvider(options) {
  const port = options.port ?? DEFAULT_OIDC_PROVIDER_PORT;
  const appBaseUrl = options.appBaseUrl.replace(/\/$/, '');
  const clientId = options.clientId ?? DEFAULT_CLIENT_ID;
  if (!options.clientSecret) throw new Error('The local OIDC provider needs the client secret');
  const accounts = new Map(options.accounts.map((a) => [a.subject, a]));
  const signingJwk =
    options.signingJwk ??
    generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

  // Listen first on an ephemeral port when port 0 is asked for: the issuer carries the real port.
  const server = createServer();
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const issuer = `http://localhost:${server.address().port}`;
  const appOrigin = new URL(appBaseUrl).origin;
  const formAction = `form-action 'self' ${appOrigin}`;
  const pageCsp = `default-src 'none'; style-src 'self'; img-src 'self'; ${formAction}; frame-ancestors 'none'; base-uri 'none'`;

  // The local demo always asks who is signing in, also with a session at the provider: switching
  // between demo people is the point of it. (Feide keeps its single sign-on.)
  const policy = interactionPolicy.base();
  policy
    .get('login')
    .checks.add(
      new interactionPolicy.Check('choose_demo_person', 'Velg en demoperson', (ctx) =>
        ctx.oidc.result?.login
          ? interactionPolicy.Check.NO_NEED_TO_PROMPT
          : interactionPolicy.Check.REQUEST_PROMPT,
      ),
    );

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: options.clientSecret,
        client_name: 'Tiltakstrappa',
        redirect_uris: [`${appBaseUrl}/api/auth/callback`],
        post_logout_redirect_uris: [`${appBaseUrl}/`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [{ ...signingJwk, kid: signingJwk.kid ?? 'local-demo-1', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    pkce: { required: () => true },
    // `userid-feide` as Feide has it: the person's Feide name in a claim of its own, from UserInfo
    // (here equal to the subject), so the Feide configuration of ADR 0007 can be tried locally.
    scopes: ['openid', 'profile', FEIDE_SCOPE],
    claims: { openid: ['sub'], profile: ['name'], [FEIDE_SCOPE]: [FEIDE_NAME_CLAIM] },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource(ctx, form) {
          ctx.set('Content-Security-Policy', pageCsp);
          ctx.type = 'html';
          ctx.body = page(
            'Logg ut',
            `<h1>Logg ut av demo-innloggingen?</h1>
<p>Du er logget ut av Tiltakstrappa. Vil du også logge ut av den lokale demo-innloggingen?</p>
${form}
<div class="actions">
<button type="submit" form="op.logoutForm" name="logout" value="yes">Ja, logg ut</button>
<button type="submit" form="op.logoutForm">Nei</button>
</div>`,
          );
        },
        postLogoutSuccessSource(ctx) {
          ctx.set('Content-Security-Policy', pageCsp);
          ctx.type = 'html';
          ctx.body = page(
            'Logget ut',
            `<h1>Du er logget ut</h1><p><a href="${escapeHtml(appBaseUrl)}/">Til Tiltakstrappa</a></p>`,
          );
        },
      },
    },
    interactions: { policy, url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // Tiltakstrappa is this provider's own first-party client: no consent screen.
    async loadExistingGrant(ctx) {
      const grantId =
        ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) {
        const grant = await ctx.oidc.provider.Grant.find(grantId);
        if (grant) return grant;
      }
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope(`openid profile ${FEIDE_SCOPE}`);
      await grant.save();
      return grant;
    },
    async findAccount(_ctx, subject) {
      const account = accounts.get(subject);
      if (!account) return undefined;
      return {
        accountId: subject,
        claims: async () => ({ sub: subject, name: account.name, [FEIDE_NAME_CLAIM]: subject }),
      };
    },
    renderError(ctx, out) {
      ctx.set('Content-Security-Policy', pageCsp);
      ctx.type = 'html';
      ctx.body = page(
        'Feil',
        `<h1>Innloggingen kunne ikke fullføres</h1>
<p>${escapeHtml(out.error_description ?? out.error ?? 'Ukjent feil')}</p>
<p><a href="${escapeHtml(appBaseUrl)}/">Tilbake til Tiltakstrappa</a></p>`,
      );
    },
    ttl: {
      Interaction: 600,
      Session: 12 * 3600,
      Grant: 12 * 3600,
      AuthorizationCode: 60,
      IdToken: 600,
      AccessToken: 600,
    },
  });
  provider.on('server_error', (_ctx, err) => console.error(`[oidc-provider] ${err.stack ?? err}`));
  const oidc = provider.callback();

  async function choosePage(req, res, uid) {
    let details;
    try {
      details = await provider.interactionDetails(req, res);
    } catch {
      return sendPage(
        res,
        400,
        'Innloggingen er utløpt',
        `<h1>Innloggingen er utløpt</h1><p><a href="${escapeHtml(appBaseUrl)}/api/auth/login">Logg inn på nytt</a></p>`,
      );
    }
    if (details.uid !== uid) return sendPage(res, 400, 'Feil', '<h1>Ukjent innlogging</h1>');
    const items = [...accounts.values()]
      .map(
        (a) => `<li><form method="post" action="/interaction/${escapeHtml(uid)}/login">
<input type="hidden" name="subject" value="${escapeHtml(a.subject)}">
<button type="submit"><span class="name">${escapeHtml(a.name)}</span><span class="what">${escapeHtml(a.description)}</span></button>
</form></li>`,
      )
      .join('\n');
    return sendPage(
      res,
      200,
      'Velg en demoperson',
      `<h1>Velg en demoperson</h1>
<p class="notice">Dette er den lokale demo-innloggingen. Alle personene er oppdiktet. I kommunen logger du inn med Feide.</p>
<p>Logg inn i Tiltakstrappa som:</p>
<ul>
${items}
</ul>`,
    );
  }

  async function login(req, res, uid) {
    const body = new URLSearchParams(await readBody(req));
    const subject = body.get('subject') ?? '';
    let details;
    try {
      details = await provider.interactionDetails(req, res);
    } catch {
      return sendPage(res, 400, 'Innloggingen er utløpt', '<h1>Innloggingen er utløpt</h1>');
    }
    if (details.uid !== uid || !accounts.has(subject))
      return sendPage(res, 400, 'Feil', '<h1>Velg en av demopersonene</h1>');
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: subject } },
      { mergeWithLastSubmission: false },
    );
  }

  function sendPage(res, status, title, body) {
    res.writeHead(status, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': pageCsp,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
    res.end(page(title, body));
  }

  server.on('request', (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    const choose = /^\/interaction\/([A-Za-z0-9_-]+)$/.exec(url.pathname);
    const chosen = /^\/interaction\/([A-Za-z0-9_-]+)\/login$/.exec(url.pathname);
    const handle = async () => {
      if (url.pathname === '/demo-login.css' && req.method === 'GET') {
        res.writeHead(200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'max-age=3600' });
        return res.end(STYLE);
      }
      if (choose && req.method === 'GET') return choosePage(req, res, choose[1]);
      if (chosen && req.method === 'POST') return login(req, res, chosen[1]);
      return oidc(req, res);
    };
    handle().catch((err) => {
      console.error(`[oidc-provider] ${err.stack ?? err}`);
      if (!res.headersSent) sendPage(res, 500, 'Feil', '<h1>Noe gikk galt i demo-innloggingen</h1>');
      else res.end();
    });
  });

  return {
    issuer,
    port: server.address().port,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      data += chunk;
      if (data.length > 10_000) req.destroy(new Error('body too large'));
    });
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

async function main() {
  const env = process.env;
  const port = Number(env.OIDC_PROVIDER_PORT || DEFAULT_OIDC_PROVIDER_PORT);
  const { issuer, close } = await startOidcProvider({
    port,
    clientId: env.AUTH_OIDC_CLIENT_ID || DEFAULT_CLIENT_ID,
    clientSecret: env.AUTH_OIDC_CLIENT_SECRET,
    appBaseUrl: env.PUBLIC_BASE_URL || `http://localhost:${env.API_PORT || 3000}`,
    accounts: loadAccounts(env),
    signingJwk: env.OIDC_PROVIDER_SIGNING_JWK ? JSON.parse(env.OIDC_PROVIDER_SIGNING_JWK) : undefined,
  });
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
  const stop = () => void close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err) => {
    process.stdout.write(`${JSON.stringify({ error: err.message })}\n`);
    process.exit(1);
  });
}
