import { HttpStatus } from '@nestjs/common';
import { UPDATE_REJECTION_CODES } from '@tiltak/workflows';
import { statusForRejection } from './rejection-status';

describe('statusForRejection', () => {
  it('answers an event the database refuses as data with 422: the event itself cannot be right', () => {
    expect(statusForRejection('EVENT_NOT_STORABLE')).toBe(HttpStatus.UNPROCESSABLE_ENTITY);
  });

  it('gives every reason the workflow can refuse an Update for a 4xx', () => {
    for (const code of UPDATE_REJECTION_CODES) {
      expect([HttpStatus.CONFLICT, HttpStatus.UNPROCESSABLE_ENTITY]).toContain(statusForRejection(code));
    }
  });
});
