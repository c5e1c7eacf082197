import { Body, Controller, Get, HttpCode, Logger, Post, Put, Query, Req, Res } from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiFoundResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { StaffMember } from '@tiltak/persistence';
import type { Request, Response } from 'express';
import { DomainError } from '../errors/domain-error';
import { ErrorResponseDto } from '../errors/error.response.dto';
import { ApiConfig } from '../infrastructure/api-config';
import { DirectoryStore, SignInStoreRef } from '../infrastructure/stores.provider';
import { noAccessPage, signInFailurePage } from './auth-pages';
import { ActingAsRequestDto } from './dto/acting-as.request.dto';
import { LoginQueryDto } from './dto/login.query.dto';
import { LogoutResponseDto, SessionResponseDto } from './dto/session.response.dto';
import { OidcSignIn, SignInError } from './oidc-sign-in.service';
import { Public } from './public.decorator';
import {
  clearCookie,
  LOGIN_COOKIE,
  LOGIN_COOKIE_PATH,
  LOGIN_TTL_SECONDS,
  randomToken,
  readCookie,
  safeReturnTo,
  setCookie,
  tokenHash,
} from './session-cookie';
import { type ActiveSession, Sessions, type SessionView } from './sessions.service';

export const SESSION_SECURITY = 'session';

/**
 * Signing in to the web app (backend-for-frontend, ADR 0007). The browser only ever holds an
 * HttpOnly session cookie; the OIDC flow, its tokens and the session live on the server. These
 * routes are public to the guard and handle the cookie themselves.
 */
@ApiTags('auth')
@Controller('auth')
@Public()
export class AuthController {
  private readonly logger = new Logger('sign-in');

  constructor(
    private readonly signIn: OidcSignIn,
    private readonly sessions: Sessions,
    private readonly signInStore: SignInStoreRef,
    private readonly directoryStore: DirectoryStore,
    private readonly config: ApiConfig,
  ) {}

  @Get('login')
  @ApiOperation({
    summary: 'Start signing in: redirects the browser to the sign-in provider (authorization code + PKCE).',
    description:
      'Navigate the browser here (not fetch). After signing in, the provider returns to /api/auth/callback, which sets the session cookie and redirects to returnTo.',
  })
  @ApiFoundResponse({ description: "Redirect to the provider's authorization endpoint." })
  @ApiNotFoundResponse({
    type: ErrorResponseDto,
    description: 'Sign-in is not configured (bearer tokens only).',
  })
  @ApiProduces('text/html')
  async login(@Query() query: LoginQueryDto, @Res() res: Response): Promise<void> {
    this.requireSignIn();
    let request;
    try {
      request = await this.signIn.authorizationRequest();
    } catch (err) {
      return this.failure(res, err);
    }
    const attempt = randomToken();
    await (
      await this.signInStore.get()
    ).saveLoginAttempt(
      tokenHash(attempt),
      {
        state: request.state,
        nonce: request.nonce,
        codeVerifier: request.codeVerifier,
        returnTo: safeReturnTo(query.returnTo),
      },
      LOGIN_TTL_SECONDS,
    );
    res.append(
      'Set-Cookie',
      setCookie(LOGIN_COOKIE, attempt, {
        secure: this.secureCookies,
        path: LOGIN_COOKIE_PATH,
        maxAgeSeconds: LOGIN_TTL_SECONDS,
      }),
    );
    res.redirect(302, request.url);
  }

  @Get('callback')
  @ApiOperation({
    summary:
      'Where the sign-in provider returns the browser: sets the session cookie, then redirects to returnTo.',
    description:
      'The person (claim AUTH_OIDC_SUBJECT_CLAIM) must have an active staff row with that oidcSubject; otherwise a Norwegian 403 page answers.',
  })
  @ApiFoundResponse({ description: 'Signed in: redirect to returnTo, with the tiltak_session cookie.' })
  @ApiForbiddenResponse({ description: 'A Norwegian HTML page: the person has no access to Tiltakstrappa.' })
  @ApiNotFoundResponse({
    type: ErrorResponseDto,
    description: 'Sign-in is not configured (bearer tokens only).',
  })
  @ApiProduces('text/html')
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    this.requireSignIn();
    res.append(
      'Set-Cookie',
      clearCookie(LOGIN_COOKIE, { secure: this.secureCookies, path: LOGIN_COOKIE_PATH }),
    );
    const [signInStore, directory] = await Promise.all([this.signInStore.get(), this.directoryStore.get()]);
    const attemptCookie = readCookie(req.header('cookie'), LOGIN_COOKIE);
    const attempt = attemptCookie ? await signInStore.takeLoginAttempt(tokenHash(attemptCookie)) : null;
    if (!attempt) return this.failure(res, new SignInError('login-expired', 'no login under way'));

    let subject: string;
    try {
      const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
      subject = await this.signIn.subjectFromCallback(query, attempt);
    } catch (err) {
      return this.failure(res, err);
    }
    const assignments: StaffMember[] = await directory.findActiveStaffBySubject(subject);
    if (assignments.length === 0) {
      // The subject is the person's id at the provider: not logged (it may be an e-mail-like Feide id).
      this.logger.warn({
        msg: 'Signed in at the provider, but no active staff row',
        requestId: req.requestId,
      });
      this.html(res, 403, noAccessPage(await this.signIn.endSessionUrl()));
      return;
    }
    await this.sessions.create(subject, assignments, res, this.sessions.cookieOf(req));
    this.logger.log({ msg: 'Signed in', staffId: assignments[0]?.id, requestId: req.requestId });
    res.redirect(302, attempt.returnTo);
  }

  @Get('session')
  @ApiCookieAuth(SESSION_SECURITY)
  @ApiOperation({ summary: 'The signed-in person, the assignment they act as, and the CSRF token.' })
  @ApiOkResponse({ type: SessionResponseDto })
  @ApiUnauthorizedResponse({
    type: ErrorResponseDto,
    description: 'UNAUTHENTICATED (no session) or SESSION_EXPIRED: sign in again.',
  })
  async session(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<SessionView> {
    return this.sessions.view(await this.active(req, res));
  }

  @Put('session/acting-as')
  @ApiCookieAuth(SESSION_SECURITY)
  @ApiOperation({
    summary: 'Act as another of your assignments (e.g. as competence team instead of contact teacher).',
    description: 'Needs X-CSRF-Token. Every later request of the session acts as this staff row.',
  })
  @ApiOkResponse({ type: SessionResponseDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({
    type: ErrorResponseDto,
    description: 'CSRF_TOKEN_INVALID, or FORBIDDEN when the staff id is not one of your assignments.',
  })
  async actingAs(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Body() body: ActingAsRequestDto,
  ): Promise<SessionView> {
    const active = await this.active(req, res);
    this.sessions.requireCsrfToken(req, active);
    return this.sessions.view(await this.sessions.setActingAs(active, body.staffId));
  }

  @Post('logout')
  @HttpCode(200)
  @ApiCookieAuth(SESSION_SECURITY)
  @ApiOperation({
    summary: 'End the session and clear the cookie.',
    description:
      'Needs X-CSRF-Token while the session is live. Answers endSessionUrl: send the browser there to sign out at the provider too. Without a live session it only clears the cookie.',
  })
  @ApiOkResponse({ type: LogoutResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'CSRF_TOKEN_INVALID.' })
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LogoutResponseDto> {
    const cookie = this.sessions.cookieOf(req);
    let active: ActiveSession | null = null;
    if (cookie) {
      try {
        active = await this.sessions.resolve(cookie, res);
      } catch (err) {
        if (!(err instanceof DomainError && err.code === 'SESSION_EXPIRED')) throw err;
      }
    }
    if (active) {
      this.sessions.requireCsrfToken(req, active);
      await this.sessions.end(active);
      this.sessions.clearCookie(res);
    } else if (cookie === null) {
      this.sessions.clearCookie(res);
    }
    return { endSessionUrl: await this.signIn.endSessionUrl() };
  }

  private async active(req: Request, res: Response): Promise<ActiveSession> {
    const cookie = this.sessions.cookieOf(req);
    if (!cookie) throw new DomainError('UNAUTHENTICATED', 'Du er ikke logget inn.');
    return this.sessions.resolve(cookie, res);
  }

  private get secureCookies(): boolean {
    return this.config.values.auth.session.secureCookie;
  }

  private requireSignIn(): void {
    if (!this.signIn.enabled)
      throw new DomainError(
        'NOT_FOUND',
        'Innlogging i nettleseren er ikke satt opp her (AUTH_OIDC_CLIENT_ID).',
      );
  }

  private failure(res: Response, err: unknown): void {
    if (!(err instanceof SignInError)) throw err;
    const { status, html } = signInFailurePage(err.failure);
    this.html(res, status, html);
  }

  private html(res: Response, status: number, html: string): void {
    res.status(status).type('text/html; charset=utf-8').send(html);
  }
}
