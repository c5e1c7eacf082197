import { Injectable, Logger } from '@nestjs/common';
import type { SignInConfig } from '@tiltak/config';
import type { Configuration } from 'openid-client';
import { ApiConfig } from '../infrastructure/api-config';
import { loadOpenIdClient, type OpenIdClient } from './openid-client.loader';

/** Why a sign-in could not be completed; each has a Norwegian page (auth-pages.ts). */
export type SignInFailure = 'provider-unavailable' | 'login-expired' | 'login-refused' | 'no-subject';

export class SignInError extends Error {
  constructor(
    readonly failure: SignInFailure,
    detail: string,
  ) {
    super(detail);
    this.name = 'SignInError';
  }
}

export interface AuthorizationRequest {
  url: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

const DISCOVERY_RETRY_MS = 10_000;

/**
 * The relying-party side of the OIDC authorization-code flow with PKCE (openid-client 6), against
 * the configured provider: Feide, or the local one of `npm start` and the tests. The provider's
 * metadata is discovered on first use and kept; a failed discovery is retried on a later sign-in.
 */
@Injectable()
export class OidcSignIn {
  private readonly logger = new Logger('sign-in');
  private readonly settings: SignInConfig | null;
  private discovered: Promise<{ client: OpenIdClient; config: Configuration }> | null = null;
  private failedAt = 0;

  constructor(config: ApiConfig) {
    this.settings = config.values.auth.signIn;
  }

  get enabled(): boolean {
    return this.settings !== null;
  }

  private get signIn(): SignInConfig {
    if (!this.settings) throw new SignInError('provider-unavailable', 'sign-in is not configured');
    return this.settings;
  }

  private async provider(): Promise<{ client: OpenIdClient; config: Configuration }> {
    const settings = this.signIn;
    if (this.discovered === null && Date.now() - this.failedAt < DISCOVERY_RETRY_MS)
      throw new SignInError('provider-unavailable', 'the provider was unreachable moments ago');
    this.discovered ??= (async () => {
      const client = await loadOpenIdClient();
      const issuer = new URL(settings.issuer);
      const config = await client.discovery(
        issuer,
        settings.clientId,
        undefined,
        client.ClientSecretBasic(settings.clientSecret),
        // The local provider speaks http on localhost; anything else must be https (libs/config).
        issuer.protocol === 'http:'
          ? { execute: [client.allowInsecureRequests], timeout: 10 }
          : { timeout: 10 },
      );
      return { client, config };
    })();
    try {
      return await this.discovered;
    } catch (err) {
      this.discovered = null;
      this.failedAt = Date.now();
      this.logger.warn({ msg: 'OIDC discovery failed', issuer: settings.issuer, error: String(err) });
      throw new SignInError('provider-unavailable', 'the provider could not be reached');
    }
  }

  /** Where to send the browser, with the state, nonce and PKCE verifier to keep until it returns. */
  async authorizationRequest(): Promise<AuthorizationRequest> {
    const { client, config } = await this.provider();
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.signIn.redirectUri,
      scope: this.signIn.scopes.join(' '),
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, state, nonce, codeVerifier };
  }

  /**
   * Exchanges the code from the callback's query (checking state, nonce, issuer and the ID token)
   * and returns the person's id: the configured claim of the ID token, else of the UserInfo answer.
   */
  async subjectFromCallback(
    query: string,
    expected: { state: string; nonce: string; codeVerifier: string },
  ): Promise<string> {
    const { client, config } = await this.provider();
    const callbackUrl = new URL(this.signIn.redirectUri);
    callbackUrl.search = query;
    let tokens;
    try {
      tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: expected.codeVerifier,
        expectedState: expected.state,
        expectedNonce: expected.nonce,
        idTokenExpected: true,
      });
    } catch (err) {
      const code = (err as { error?: unknown; code?: unknown }).error ?? (err as { code?: unknown }).code;
      this.logger.warn({
        msg: 'Sign-in refused by the provider or failed checks',
        reason: String(code ?? err),
      });
      if (err instanceof TypeError || String(code).includes('FETCH'))
        throw new SignInError('provider-unavailable', 'the token endpoint could not be reached');
      throw new SignInError('login-refused', String(code ?? 'refused'));
    }
    const claims = tokens.claims();
    const claim = this.signIn.subjectClaim;
    let subject = claims?.[claim];
    if (subject === undefined && claims?.sub && tokens.access_token) {
      const userInfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      subject = userInfo[claim];
    }
    if (Array.isArray(subject)) subject = subject.find((v) => typeof v === 'string');
    if (typeof subject !== 'string' || subject.length === 0 || subject.length > 255)
      throw new SignInError('no-subject', `the ${claim} claim is missing`);
    return subject;
  }

  /** The provider's logout page for this client (RP-initiated logout), or null when it has none. */
  async endSessionUrl(): Promise<string | null> {
    if (!this.settings) return null;
    try {
      const { client, config } = await this.provider();
      if (!config.serverMetadata().end_session_endpoint) return null;
      // client_id rather than id_token_hint: the ID token names the person, and URLs carry no personal data.
      return client.buildEndSessionUrl(config, {
        client_id: this.signIn.clientId,
        post_logout_redirect_uri: this.signIn.postLogoutRedirectUri,
      }).href;
    } catch {
      return null;
    }
  }
}
