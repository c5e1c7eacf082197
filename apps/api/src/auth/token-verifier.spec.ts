import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppConfig } from '@tiltak/config';
import { SignJWT, UnsecuredJWT, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { ApiConfig } from '../infrastructure/api-config';
import { InvalidTokenError, TokenVerifier, scopesOf } from './token-verifier';

const key = randomBytes(32);
const auth: AppConfig['auth'] = {
  oidc: null,
  signIn: null,
  session: { idleSeconds: 1800, absoluteSeconds: 12 * 3600, secureCookie: true },
  localSigningKey: key,
  localIssuer: 'tiltakstrappa-local',
  localAudience: 'tiltakstrappa-api',
  maxTokenLifetimeSeconds: 12 * 3600,
  callerCacheSeconds: 10,
};
const now = () => Math.floor(Date.now() / 1000);
const verifier = new TokenVerifier(new ApiConfig({ auth } as AppConfig));

function token(
  claims: Record<string, unknown> = {},
  options: {
    issuer?: string;
    audience?: string;
    expiresIn?: string | number;
    /** Seconds since the epoch; null: no iat claim. */
    issuedAt?: number | null;
    notBefore?: number;
    signWith?: Uint8Array;
  } = {},
) {
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('d1000000-0000-4000-8000-000000000001');
  jwt
    .setIssuer(options.issuer ?? auth.localIssuer)
    .setAudience(options.audience ?? auth.localAudience)
    .setExpirationTime(options.expiresIn ?? '1h');
  if (options.issuedAt !== null) jwt.setIssuedAt(options.issuedAt ?? now());
  if (options.notBefore !== undefined) jwt.setNotBefore(options.notBefore);
  return jwt.sign(options.signWith ?? new Uint8Array(key));
}

describe('TokenVerifier (local HS256)', () => {
  it('returns the subject, the scopes and the expiry of a good token', async () => {
    const exp = now() + 1800;
    await expect(
      verifier.verifyToken(await token({ scope: 'codec:decode codec:encode' }, { expiresIn: exp })),
    ).resolves.toEqual({
      subject: 'd1000000-0000-4000-8000-000000000001',
      scopes: new Set(['codec:decode', 'codec:encode']),
      expiresAtMs: exp * 1000,
    });
  });

  it.each([
    ['expired', { expiresIn: now() - 120, issuedAt: now() - 3600 }, 'the token has expired'],
    ['without an issue time', { issuedAt: null }, "the token's iat claim is not accepted"],
    [
      'issued in the future',
      { issuedAt: now() + 300, expiresIn: now() + 3600 },
      "the token's iat claim is not accepted",
    ],
    ['not valid yet', { notBefore: now() + 300 }, "the token's nbf claim is not accepted"],
    // exp 100 years ahead: refused although freshly issued and correctly signed.
    [
      'valid for a century',
      { expiresIn: now() + 100 * 365 * 86400 },
      'the token is issued for longer than accepted',
    ],
    [
      'valid one minute longer than 12 h',
      { expiresIn: now() + 12 * 3600 + 60 },
      'the token is issued for longer than accepted',
    ],
    [
      'issued longer ago than the longest lifetime',
      { issuedAt: now() - 13 * 3600, expiresIn: now() + 600 },
      'the token has expired',
    ],
    ['from another issuer', { issuer: 'someone' }, "the token's iss claim is not accepted"],
    ['for another audience', { audience: 'other-api' }, "the token's aud claim is not accepted"],
    [
      'signed with another key',
      { signWith: new Uint8Array(randomBytes(32)) },
      'the token signature is not valid',
    ],
  ])('refuses a token %s', async (_what, options, reason) => {
    await expect(verifier.verifyToken(await token({}, options))).rejects.toEqual(
      new InvalidTokenError(reason),
    );
  });

  it('accepts a token issued for exactly the longest lifetime (the demo tokens: 12 h), and a little clock skew', async () => {
    await expect(verifier.verifyToken(await token({}, { expiresIn: '12h' }))).resolves.toMatchObject({
      subject: 'd1000000-0000-4000-8000-000000000001',
    });
    await expect(
      verifier.verifyToken(await token({}, { issuedAt: now() + 10, expiresIn: now() + 3600 })),
    ).resolves.toMatchObject({ subject: 'd1000000-0000-4000-8000-000000000001' });
  });

  it('follows the configured longest lifetime', async () => {
    const strict = new TokenVerifier(
      new ApiConfig({ auth: { ...auth, maxTokenLifetimeSeconds: 600 } } as AppConfig),
    );
    await expect(strict.verifyToken(await token({}, { expiresIn: '10m' }))).resolves.toBeDefined();
    await expect(strict.verifyToken(await token({}, { expiresIn: '11m' }))).rejects.toEqual(
      new InvalidTokenError('the token is issued for longer than accepted'),
    );
  });

  it('refuses unsigned tokens and tokens without an expiry', async () => {
    const unsigned = new UnsecuredJWT({ sub: 'x' })
      .setIssuer(auth.localIssuer)
      .setAudience(auth.localAudience)
      .setExpirationTime('1h')
      .encode();
    await expect(verifier.verifyToken(unsigned)).rejects.toBeInstanceOf(InvalidTokenError);
    const noExpiry = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setIssuer(auth.localIssuer)
      .setAudience(auth.localAudience)
      .sign(new Uint8Array(key));
    await expect(verifier.verifyToken(noExpiry)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('reads scopes from scope or scp', () => {
    expect(scopesOf({ scope: ' a  b ' })).toEqual(new Set(['a', 'b']));
    expect(scopesOf({ scp: ['a', 3, 'c'] })).toEqual(new Set(['a', 'c']));
  });
});

describe('TokenVerifier (OIDC, e.g. Feide)', () => {
  let server: Server;
  let oidcVerifier: TokenVerifier;
  let privateKey: CryptoKey;
  const issuer = 'https://idp.example.no';

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
    server = createServer((_req, res) =>
      res.setHeader('Content-Type', 'application/json').end(JSON.stringify({ keys: [jwk] })),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const oidc = { issuer, audience: 'tiltakstrappa', jwksUrl: `http://127.0.0.1:${port}/jwks` };
    oidcVerifier = new TokenVerifier(
      new ApiConfig({ auth: { ...auth, oidc, localSigningKey: null } } as AppConfig),
    );
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const signed = (key: CryptoKey, kid = 'key-1') =>
    new SignJWT({ scp: ['codec:decode'] })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setSubject('d1000000-0000-4000-8000-000000000003')
      .setIssuer(issuer)
      .setAudience('tiltakstrappa')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);

  it("accepts a token signed with a key from the provider's JWKS", async () => {
    await expect(oidcVerifier.verifyToken(await signed(privateKey))).resolves.toEqual({
      subject: 'd1000000-0000-4000-8000-000000000003',
      scopes: new Set(['codec:decode']),
      expiresAtMs: expect.any(Number),
    });
  });

  it('refuses a token from another key, and a locally signed one', async () => {
    const stranger = (await generateKeyPair('RS256')).privateKey;
    await expect(oidcVerifier.verifyToken(await signed(stranger))).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(oidcVerifier.verifyToken(await signed(stranger, 'key-9'))).rejects.toEqual(
      new InvalidTokenError('the token is signed with an unknown key'),
    );
    await expect(oidcVerifier.verifyToken(await token())).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('holds provider tokens to the same lifetime rules', async () => {
    const forever = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid: 'key-1' })
      .setSubject('d1000000-0000-4000-8000-000000000003')
      .setIssuer(issuer)
      .setAudience('tiltakstrappa')
      .setIssuedAt()
      .setExpirationTime('876000h')
      .sign(privateKey);
    await expect(oidcVerifier.verifyToken(forever)).rejects.toEqual(
      new InvalidTokenError('the token is issued for longer than accepted'),
    );
  });
});
