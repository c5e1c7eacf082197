import {
  clearCookie,
  csrfTokenMatches,
  isSafeMethod,
  randomToken,
  readCookie,
  safeReturnTo,
  setCookie,
  tokenHash,
} from './session-cookie';

describe('session cookie', () => {
  it('is HttpOnly and SameSite=Lax, Secure when asked, a browser-session cookie without Max-Age', () => {
    expect(setCookie('tiltak_session', 'abc', { secure: true, path: '/' })).toBe(
      'tiltak_session=abc; Path=/; HttpOnly; SameSite=Lax; Secure',
    );
    expect(setCookie('tiltak_session', 'abc', { secure: false, path: '/' })).toBe(
      'tiltak_session=abc; Path=/; HttpOnly; SameSite=Lax',
    );
    expect(setCookie('tiltak_login', 'x', { secure: false, path: '/api/auth', maxAgeSeconds: 600 })).toBe(
      'tiltak_login=x; Path=/api/auth; HttpOnly; SameSite=Lax; Max-Age=600',
    );
    expect(clearCookie('tiltak_session', { secure: true, path: '/' })).toBe(
      'tiltak_session=; Path=/; HttpOnly; SameSite=Lax; Secure; Max-Age=0',
    );
  });

  it('reads back only values of the shape it issues', () => {
    const token = randomToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(readCookie(`a=1; tiltak_session=${token}; b=2`, 'tiltak_session')).toBe(token);
    expect(readCookie(`tiltak_session_x=${token}`, 'tiltak_session')).toBeNull();
    expect(readCookie('tiltak_session=short', 'tiltak_session')).toBeNull();
    expect(readCookie(`tiltak_session=${token}'--`, 'tiltak_session')).toBeNull();
    expect(readCookie(undefined, 'tiltak_session')).toBeNull();
    expect(readCookie('garbage', 'tiltak_session')).toBeNull();
  });

  it('keeps a hash, not the value, and the hash differs per value', () => {
    const a = randomToken();
    expect(tokenHash(a)).not.toContain(a);
    expect(tokenHash(a)).toBe(tokenHash(a));
    expect(tokenHash(a)).not.toBe(tokenHash(randomToken()));
  });

  it('compares CSRF tokens exactly', () => {
    const t = randomToken();
    expect(csrfTokenMatches(t, t)).toBe(true);
    expect(csrfTokenMatches(`${t}x`, t)).toBe(false);
    expect(csrfTokenMatches(t.toUpperCase() === t ? `${t.slice(0, -1)}a` : t.toUpperCase(), t)).toBe(false);
    expect(csrfTokenMatches(undefined, t)).toBe(false);
    expect(csrfTokenMatches('', t)).toBe(false);
  });

  it('needs no CSRF token for GET, HEAD and OPTIONS only', () => {
    expect(['GET', 'HEAD', 'OPTIONS'].every(isSafeMethod)).toBe(true);
    expect(['POST', 'PUT', 'PATCH', 'DELETE'].some(isSafeMethod)).toBe(false);
  });
});

describe('safeReturnTo', () => {
  it.each([
    ['/cases/123', '/cases/123'],
    ['/cases?mine=true#top', '/cases?mine=true#top'],
    ['/', '/'],
    ['/a/../b', '/b'],
  ])('keeps the path %s', (input, expected) => {
    expect(safeReturnTo(input)).toBe(expected);
  });

  it.each([
    ['another origin', 'https://evil.example/'],
    ['a protocol-relative URL', '//evil.example/x'],
    ['a backslash trick', '/\\evil.example'],
    ['a backslash inside', '/a\\b'],
    ['a relative path', 'cases/1'],
    ['javascript:', 'javascript:alert(1)'],
    ['a control character', '/a\nb'],
    ['a tab', '/\t/evil.example'],
    ['nothing', ''],
    ['not a string', ['/a']],
    ['too long', `/${'a'.repeat(2000)}`],
  ])('replaces %s with /', (_what, input) => {
    expect(safeReturnTo(input)).toBe('/');
  });
});
