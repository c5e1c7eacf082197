import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { beginResultFromExisting } from './idempotency.mapper';

describe('beginResultFromExisting', () => {
  const request = { method: 'POST', path: '/cases/1/events', requestHash: 'sha256:abc' };
  const row = (changes: Partial<IdempotencyKeyEntity>) =>
    Object.assign(new IdempotencyKeyEntity(), {
      callerStaffId: 'c',
      key: 'k',
      ...request,
      status: 'in-progress',
      responseStatus: null,
      responseBody: null,
      createdAt: new Date(),
      completedAt: null,
      ...changes,
    });

  it('replays a completed response', () => {
    expect(
      beginResultFromExisting(
        row({ status: 'completed', responseStatus: 201, responseBody: { id: 'e-1' } }),
        request,
      ),
    ).toEqual({ state: 'completed', status: 201, body: { id: 'e-1' } });
  });

  it('reports a request still running', () => {
    expect(beginResultFromExisting(row({}), request)).toEqual({ state: 'in-progress' });
  });

  it.each([
    ['method', { method: 'PUT' }],
    ['path', { path: '/cases/2/events' }],
    ['body', { requestHash: 'sha256:other' }],
  ])('calls a key reused with another %s a mismatch, even once completed', (_what, other) => {
    expect(beginResultFromExisting(row({}), { ...request, ...other })).toEqual({ state: 'mismatch' });
    expect(
      beginResultFromExisting(row({ status: 'completed', responseStatus: 201 }), { ...request, ...other }),
    ).toEqual({ state: 'mismatch' });
  });
});
