import { isUuid, uuidV5 } from './uuid-v5';

describe('uuidV5', () => {
  it('matches the RFC 9562 example (DNS namespace, www.example.com)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('is stable for a name and differs between names', () => {
    const ns = '0d73fad6-cbcd-43ce-906b-f23a11a292f0';
    expect(uuidV5('student#0', ns)).toBe(uuidV5('student#0', ns));
    expect(uuidV5('student#0', ns)).not.toBe(uuidV5('student#1', ns));
    expect(isUuid(uuidV5('x', ns))).toBe(true);
  });
});
