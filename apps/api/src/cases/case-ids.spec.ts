import { caseIdFor, eventIdFor } from './case-ids';

describe('derived ids', () => {
  const installation = '2686f3e7-f482-49c3-8435-3dc048e63c54';
  const student = 'd2000000-0000-4000-8000-000000000001';

  it('gives a student the same case id for the same sequence number, a new one for the next', () => {
    expect(caseIdFor(installation, student, 0)).toBe(caseIdFor(installation, student, 0));
    expect(caseIdFor(installation, student, 1)).not.toBe(caseIdFor(installation, student, 0));
  });

  it('differs between installations, so a shared Temporal namespace never sees one workflow id twice', () => {
    expect(caseIdFor('59586849-c2f0-4e7f-8f53-d181d2599be5', student, 0)).not.toBe(
      caseIdFor(installation, student, 0),
    );
  });

  it('makes the event id from the caller and the key: a retry is the same event, another caller’s key is not', () => {
    expect(eventIdFor('staff-a', 'key-1')).toBe(eventIdFor('staff-a', 'key-1'));
    expect(eventIdFor('staff-b', 'key-1')).not.toBe(eventIdFor('staff-a', 'key-1'));
  });
});
