import { InvalidPageError } from '../errors';
import { decodeCaseListCursor, encodeCaseListCursor } from './case-list.cursor';

describe('case list cursor', () => {
  const caseId = '8f14e45f-ceea-4e7a-9c5b-2b6f0b8d1a11';

  it('round-trips the sort position, with or without a next deadline', () => {
    const withDeadline = {
      nextDeadlineAt: '2026-11-30T14:00:00.000Z',
      openedAt: '2026-11-23T09:00:00.000Z',
      caseId,
    };
    expect(decodeCaseListCursor(encodeCaseListCursor(withDeadline))).toEqual(withDeadline);
    const without = { ...withDeadline, nextDeadlineAt: null };
    expect(decodeCaseListCursor(encodeCaseListCursor(without))).toEqual(without);
  });

  it.each([
    ['not base64 JSON', '%%%'],
    ['JSON of the wrong shape', Buffer.from('{"a":1}').toString('base64url')],
    ['a bad instant', Buffer.from(JSON.stringify([null, 'yesterday', caseId])).toString('base64url')],
    [
      'a case id that is no UUID',
      Buffer.from(JSON.stringify([null, '2026-11-23T09:00:00.000Z', "1' OR 1=1"])).toString('base64url'),
    ],
  ])('refuses %s', (_label, cursor) => {
    expect(() => decodeCaseListCursor(cursor)).toThrow(InvalidPageError);
  });
});
