import { postgresErrorOf } from './errors';
import { jsonb, returnedRows } from './sql-values';

describe('returnedRows', () => {
  it('reads INSERT … RETURNING rows as TypeORM gives them', () => {
    expect(returnedRows([{ key: 'a' }, { key: 'b' }])).toEqual([{ key: 'a' }, { key: 'b' }]);
  });
  it('reads UPDATE and DELETE results, which TypeORM gives as [rows, rowCount]', () => {
    expect(returnedRows([[{ key: 'a' }], 1])).toEqual([{ key: 'a' }]);
    expect(returnedRows([[], 0])).toEqual([]);
  });
});

describe('jsonb', () => {
  it('stringifies arrays itself, so pg never turns them into a PostgreSQL array literal', () => {
    expect(jsonb([{ a: 1 }])).toBe('[{"a":1}]');
    expect(jsonb(null)).toBeNull();
    expect(jsonb(undefined)).toBeNull();
  });
});

describe('postgresErrorOf', () => {
  it('finds SQLSTATE and constraint on TypeORM’s wrapper or on the pg error itself', () => {
    const pgError = { code: '23505', constraint: 'cases_one_open_per_student' };
    expect(postgresErrorOf({ driverError: pgError })).toEqual(pgError);
    expect(postgresErrorOf(pgError)).toEqual(pgError);
    expect(postgresErrorOf(new Error('boom'))).toBeNull();
    expect(postgresErrorOf('boom')).toBeNull();
  });
});
