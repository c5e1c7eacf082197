import { ArgumentsHost, BadRequestException, Logger } from '@nestjs/common';
import { ServiceError } from '@temporalio/client';
import { NamespaceNotFoundError } from '@temporalio/common';
import type { AppConfig } from '@tiltak/config';
import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import { CreateStaffRequestDto } from '../staff/dto/create-staff.request.dto';
import { norwegianFieldMessage } from './field-messages';
import { ApiConfig } from '../infrastructure/api-config';
import { OverPrivilegedRoleError } from '@tiltak/persistence';
import { unavailableDependency, updateNotDecided } from '../infrastructure/dependency-errors';
import { AllExceptionsFilter } from './all-exceptions.filter';
import { DomainError } from './domain-error';
import { fieldErrorsFromPaths, flattenValidationErrors } from './validation-errors';

function respond(exception: unknown): {
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
} {
  const out = { status: 0, body: {} as Record<string, unknown>, headers: {} as Record<string, string> };
  const res = {
    setHeader: (name: string, value: string) => (out.headers[name] = value),
    status: (status: number) => ({
      json: (body: Record<string, unknown>) => Object.assign(out, { status, body }),
    }),
  };
  const host = {
    switchToHttp: () => ({ getResponse: () => res, getRequest: () => ({ requestId: 'r1' }) }),
  } as unknown as ArgumentsHost;
  new AllExceptionsFilter(
    new ApiConfig({ api: { publicBaseUrl: 'https://tiltak.example.no' } } as AppConfig),
  ).catch(exception, host);
  return out;
}

describe('AllExceptionsFilter', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('maps domain codes to their status with the details, and Location for conflicts', () => {
    const conflict = respond(
      new DomainError('CONFLICT', 'open case', { reason: 'OPEN_CASE_EXISTS', location: '/api/cases/1' }),
    );
    expect(conflict).toMatchObject({
      status: 409,
      headers: { Location: 'https://tiltak.example.no/api/cases/1' },
      body: {
        code: 'CONFLICT',
        reason: 'OPEN_CASE_EXISTS',
        location: 'https://tiltak.example.no/api/cases/1',
        requestId: 'r1',
      },
    });
    expect(respond(new DomainError('UNAUTHENTICATED', 'no')).headers['WWW-Authenticate']).toBe('Bearer');
  });

  it('answers an unreachable dependency with 503 and a reason', () => {
    const grpc = Object.assign(new Error('14 UNAVAILABLE: No connection established'), {
      code: 14,
      details: 'No connection established',
      metadata: {},
    });
    expect(respond(new ServiceError('Workflow Update failed', { cause: grpc }))).toMatchObject({
      status: 503,
      body: { code: 'DEPENDENCY_UNAVAILABLE', reason: 'temporal-unavailable' },
    });
    expect(
      respond(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })),
    ).toMatchObject({ status: 503, body: { reason: 'postgres-unavailable' } });
  });

  it('keeps body-parser’s 4xx and hides everything else behind an error id', () => {
    expect(
      respond(Object.assign(new Error('request entity too large'), { status: 413, expose: true })),
    ).toMatchObject({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE', requestId: 'r1' } });
    expect(respond(new BadRequestException('bad'))).toMatchObject({
      status: 400,
      body: { code: 'BAD_REQUEST' },
    });
    const crash = respond(new TypeError('x is undefined'));
    expect(crash.status).toBe(500);
    expect(crash.body).toEqual({
      code: 'INTERNAL_ERROR',
      message: expect.any(String),
      errorId: expect.any(String),
      requestId: 'r1',
    });
  });
});

describe('errors of the HTTP layer', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('answer with a fixed Norwegian message, never the parser’s or the router’s words', () => {
    const malformed = respond(
      Object.assign(new SyntaxError('Unexpected token \'x\', "{x: secret}" is not valid JSON'), {
        status: 400,
        expose: true,
        type: 'entity.parse.failed',
        body: '{x: secret}',
      }),
    );
    expect(malformed).toEqual({
      status: 400,
      headers: {},
      body: { code: 'BAD_REQUEST', message: 'Innholdet er ikke gyldig JSON.', requestId: 'r1' },
    });
    const tooLarge = respond(
      Object.assign(new Error('request entity too large'), {
        status: 413,
        expose: true,
        type: 'entity.too.large',
      }),
    );
    expect(tooLarge.body).toEqual({
      code: 'PAYLOAD_TOO_LARGE',
      message: 'Innholdet er for stort.',
      requestId: 'r1',
    });
    const badParam = respond(
      Object.assign(new URIError("Failed to decode param '%ED%A0%80'"), { status: 400 }),
    );
    expect(badParam).toMatchObject({ status: 400, body: { code: 'BAD_REQUEST', requestId: 'r1' } });
    expect(JSON.stringify(badParam.body)).not.toContain('decode');
    expect(respond(new BadRequestException('Validation failed (uuid is expected)')).body).toEqual({
      code: 'BAD_REQUEST',
      message: 'Id-en i adressen må være en UUID.',
      requestId: 'r1',
    });
  });

  it('never lets an error without `expose` through as a client error', () => {
    expect(respond(Object.assign(new Error('pool exhausted at pg/lib/x.js:1'), { status: 400 })).status).toBe(
      500,
    );
  });
});

describe('field errors', () => {
  it('names nested fields by path', () => {
    const child = Object.assign(new ValidationError(), {
      property: 'from',
      constraints: { isLocalDate: 'from must be a valid date' },
    });
    const item = Object.assign(new ValidationError(), { property: '2', children: [child] });
    const list = Object.assign(new ValidationError(), { property: 'closedPeriods', children: [item] });
    expect(flattenValidationErrors([list])).toEqual([
      { field: 'closedPeriods[2].from', message: 'må være en gyldig dato ÅÅÅÅ-MM-DD' },
    ]);
    expect(fieldErrorsFromPaths(['payload.heldOn: must be a valid date', 'plain message'])).toEqual([
      { field: 'payload.heldOn', message: 'must be a valid date' },
      { field: '(body)', message: 'plain message' },
    ]);
  });
});

describe('field messages', () => {
  it('are Norwegian for the constraints the DTOs use, with their numbers and values', async () => {
    const dto = plainToInstance(CreateStaffRequestDto, {
      displayName: 'x'.repeat(201),
      email: 'not-an-email',
      role: 'janitor',
      schoolId: 'nope',
      extra: 1,
    });
    const messages = Object.fromEntries(
      flattenValidationErrors(await validate(dto, { whitelist: true, forbidNonWhitelisted: true })).map(
        (f) => [f.field, f.message],
      ),
    );
    expect(messages).toEqual({
      displayName: 'kan ha høyst 200 tegn',
      email: 'må være en e-postadresse',
      role: expect.stringMatching(/^må være en av: contact-teacher, school-leadership, /),
      schoolId: 'må være en UUID',
      extra: 'feltet er ikke tillatt',
    });
    expect(norwegianFieldMessage('someNewConstraint', 'x must be odd')).toBe('x must be odd');
  });
});

describe('unavailableDependency', () => {
  it('does not call an ordinary gRPC error an outage', () => {
    const invalid = Object.assign(new Error('3 INVALID_ARGUMENT'), { code: 3, details: 'bad', metadata: {} });
    expect(unavailableDependency(new ServiceError('failed', { cause: invalid }))).toBeNull();
    expect(unavailableDependency(new Error('boom'))).toBeNull();
  });

  it('calls Temporal unavailable when it says its namespace is not there (an overloaded server does)', () => {
    expect(unavailableDependency(new NamespaceNotFoundError('default'))).toBe('temporal');
    const { status, body, headers } = respond(new NamespaceNotFoundError('default'));
    expect(status).toBe(503);
    expect(body).toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', reason: 'temporal-unavailable' });
    expect(headers['Retry-After']).toBe('5');
  });

  it('calls a database the API refuses to use as an over-privileged role unavailable', () => {
    expect(unavailableDependency(new OverPrivilegedRoleError('postgres', ['is a superuser']))).toBe(
      'postgres',
    );
  });
});

describe('updateNotDecided', () => {
  const grpc = (code: number) =>
    new ServiceError('Workflow Update failed', {
      cause: Object.assign(new Error(`${code} status`), { code, details: 'x', metadata: {} }),
    });

  it.each([4, 8, 9, 10, 13, 14])(
    'calls gRPC %i from startUpdate retryable: Temporal decided nothing',
    (code) => {
      expect(updateNotDecided(grpc(code))).toBe(true);
    },
  );

  it.each([3, 5, 6, 7, 16])('leaves gRPC %i to the ordinary mapping', (code) => {
    expect(updateNotDecided(grpc(code))).toBe(false);
  });

  it('ignores errors that carry no gRPC status', () => {
    expect(updateNotDecided(new Error('boom'))).toBe(false);
    expect(updateNotDecided(null)).toBe(false);
  });
});
