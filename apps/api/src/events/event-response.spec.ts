import { HttpStatus } from '@nestjs/common';
import { eventIdOf, isRejection, storedEventResponse, type EventResponse } from './event-response';

const recorded = {
  event: { eventId: 'e-1', caseId: 'c-1', type: 'note-added', step: 1, actor: null, payload: {} },
  case: {},
};
const rejected = { code: 'EVENT_REJECTED', message: 'Nei.', reason: 'CASE_CLOSED' };

describe('event responses', () => {
  it('names the event of a recorded, read or accepted response, and none for a rejection', () => {
    const accepted = {
      status: HttpStatus.ACCEPTED,
      body: { status: 'accepted', eventId: 'e-2', location: '/x', message: 'Venter.' },
    } as EventResponse;
    expect(eventIdOf(storedEventResponse(HttpStatus.CREATED, recorded))).toBe('e-1');
    expect(eventIdOf({ status: HttpStatus.OK, body: recorded } as unknown as EventResponse)).toBe('e-1');
    expect(eventIdOf(accepted)).toBe('e-2');
    const rejection = storedEventResponse(HttpStatus.CONFLICT, rejected);
    expect(eventIdOf(rejection)).toBeNull();
    expect(isRejection(rejection)).toBe(true);
    expect(isRejection(accepted)).toBe(false);
  });

  it('reads back only what a POST stores: a recorded event or a rejection', () => {
    expect(storedEventResponse(HttpStatus.UNPROCESSABLE_ENTITY, rejected)).toEqual({
      status: HttpStatus.UNPROCESSABLE_ENTITY,
      body: rejected,
    });
    expect(() => storedEventResponse(HttpStatus.ACCEPTED, { eventId: 'e-2' })).toThrow('unexpected shape');
    expect(() => storedEventResponse(HttpStatus.CREATED, { case: {} })).toThrow('unexpected shape');
    expect(() => storedEventResponse(HttpStatus.CONFLICT, null)).toThrow('unexpected shape');
  });
});
