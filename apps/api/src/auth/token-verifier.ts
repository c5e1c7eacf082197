import { Injectable } from '@nestjs/common';
import {
  createRemoteJWKSet,
  errors as joseErrors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { ApiConfig } from '../infrastructure/api-config';

export interface VerifiedToken {
  subject: string;
  scopes: Set<string>;
  /** The token's `exp`, in epoch milliseconds. */
  expiresAtMs: number;
}

export class InvalidTokenError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidTokenError';
  }
}

const CLOCK_TOLERANCE_SECONDS = 30;
const OIDC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'];

/**
 * Verifies bearer JWTs: against the OIDC provider's published keys (Feide) when configured, else
 * with the local HS256 signing key of the embedded stack. Signature, issuer, audience, `exp` and
 * `iat` are all required; `sub` must be present. A token issued in the future, not yet valid
 * (`nbf`), older than the longest lifetime or issued for longer than it is refused: a stolen token
 * with a far-away expiry would otherwise work for years.
 */
@Injectable()
export class TokenVerifier {
  private readonly verify: (token: string) => Promise<JWTPayload>;

  private readonly maxLifetimeSeconds: number;

  constructor(config: ApiConfig) {
    const { auth } = config.values;
    this.maxLifetimeSeconds = auth.maxTokenLifetimeSeconds;
    const timeClaims = {
      requiredClaims: ['sub', 'exp', 'iat'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      // Also refuses `iat` in the future (beyond the tolerance); `nbf` is checked when present.
      maxTokenAge: auth.maxTokenLifetimeSeconds,
    };
    if (auth.oidc) {
      const { issuer, audience, jwksUrl } = auth.oidc;
      const jwks: JWTVerifyGetKey = createRemoteJWKSet(new URL(jwksUrl));
      this.verify = async (token) =>
        (
          await jwtVerify(token, jwks, {
            issuer,
            audience,
            algorithms: OIDC_ALGORITHMS,
            ...timeClaims,
          })
        ).payload;
    } else if (auth.localSigningKey) {
      const key = new Uint8Array(auth.localSigningKey);
      this.verify = async (token) =>
        (
          await jwtVerify(token, key, {
            issuer: auth.localIssuer,
            audience: auth.localAudience,
            algorithms: ['HS256'],
            ...timeClaims,
          })
        ).payload;
    } else {
      this.verify = () => Promise.reject(new InvalidTokenError('no token verification is configured'));
    }
  }

  async verifyToken(token: string): Promise<VerifiedToken> {
    let payload: JWTPayload;
    try {
      payload = await this.verify(token);
    } catch (err) {
      if (err instanceof InvalidTokenError) throw err;
      // JWKS fetch failures are the provider's fault, not the caller's; still 401, with an honest reason.
      if (err instanceof joseErrors.JWKSTimeout || err instanceof joseErrors.JOSEError) {
        throw new InvalidTokenError(describe(err));
      }
      throw new InvalidTokenError('the token could not be verified');
    }
    if (typeof payload.sub !== 'string' || payload.sub === '')
      throw new InvalidTokenError('the token has no subject');
    // jose has checked both are numbers; a lifetime beyond the maximum is refused even while fresh.
    if ((payload.exp as number) - (payload.iat as number) > this.maxLifetimeSeconds)
      throw new InvalidTokenError('the token is issued for longer than accepted');
    return { subject: payload.sub, scopes: scopesOf(payload), expiresAtMs: (payload.exp as number) * 1000 };
  }
}

/** OAuth `scope` (space-separated) and the `scp` list some providers use instead. */
export function scopesOf(payload: JWTPayload): Set<string> {
  const scopes = new Set<string>();
  if (typeof payload['scope'] === 'string')
    payload['scope']
      .split(/\s+/)
      .filter(Boolean)
      .forEach((s) => scopes.add(s));
  const scp = payload['scp'];
  if (Array.isArray(scp)) scp.filter((s): s is string => typeof s === 'string').forEach((s) => scopes.add(s));
  return scopes;
}

function describe(err: Error): string {
  if (err instanceof joseErrors.JWTExpired) return 'the token has expired';
  if (err instanceof joseErrors.JWTClaimValidationFailed)
    return `the token's ${err.claim} claim is not accepted`;
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return 'the token signature is not valid';
  if (err instanceof joseErrors.JOSEAlgNotAllowed)
    return 'the token is signed with an algorithm that is not accepted';
  if (err instanceof joseErrors.JWKSNoMatchingKey) return 'the token is signed with an unknown key';
  if (err instanceof joseErrors.JWKSTimeout) return 'the identity provider did not answer';
  return 'the token is malformed';
}
