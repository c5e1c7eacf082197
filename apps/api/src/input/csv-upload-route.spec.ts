import { isCsvUploadRoute } from './json-body';

describe('isCsvUploadRoute: the one exception to JSON-only bodies', () => {
  it('is POST on a school’s absence-imports collection only', () => {
    const id = 'd0000000-0000-4000-8000-000000000001';
    expect(isCsvUploadRoute({ method: 'POST', path: `/api/schools/${id}/absence-imports` })).toBe(true);
    expect(isCsvUploadRoute({ method: 'POST', path: `/api/schools/${id}/absence-imports/` })).toBe(true);
    expect(isCsvUploadRoute({ method: 'PUT', path: `/api/schools/${id}/absence-imports` })).toBe(false);
    expect(isCsvUploadRoute({ method: 'POST', path: `/api/schools/${id}/absence-records` })).toBe(false);
    expect(isCsvUploadRoute({ method: 'POST', path: `/api/schools/${id}/absence-imports/x` })).toBe(false);
    expect(isCsvUploadRoute({ method: 'POST', path: `/api/cases` })).toBe(false);
    expect(isCsvUploadRoute({ method: 'POST', path: `/schools/${id}/absence-imports` })).toBe(false);
  });
});
