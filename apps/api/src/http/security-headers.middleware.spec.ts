import type { AppConfig } from '@tiltak/config';
import type { Request, Response } from 'express';
import { API_CSP, DOCS_CSP, securityHeaders } from './security-headers.middleware';

function headersFor(publicBaseUrl: string, path: string): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = { setHeader: (name: string, value: string) => (headers[name] = value) } as unknown as Response;
  let passedOn = false;
  securityHeaders({ api: { publicBaseUrl } } as AppConfig)({ path } as Request, res, () => (passedOn = true));
  expect(passedOn).toBe(true);
  return headers;
}

describe('securityHeaders', () => {
  it('sends HSTS only when the API is reached over https', () => {
    expect(headersFor('https://tiltak.example.no', '/api/cases')['Strict-Transport-Security']).toBe(
      'max-age=31536000',
    );
    expect(headersFor('http://localhost:3000', '/api/cases')['Strict-Transport-Security']).toBeUndefined();
  });

  it('gives /docs (Swagger UI) its own CSP and everything else the strict one', () => {
    expect(headersFor('http://localhost:3000', '/api/docs')['Content-Security-Policy']).toBe(DOCS_CSP);
    expect(
      headersFor('http://localhost:3000', '/api/docs/swagger-ui-init.js')['Content-Security-Policy'],
    ).toBe(DOCS_CSP);
    expect(headersFor('http://localhost:3000', '/docsx')['Content-Security-Policy']).toBe(API_CSP);
    expect(headersFor('http://localhost:3000', '/api/cases')).toMatchObject({
      'Content-Security-Policy': API_CSP,
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'no-referrer',
    });
  });
});
