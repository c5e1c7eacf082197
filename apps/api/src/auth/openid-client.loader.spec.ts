import { loadOpenIdClient } from './openid-client.loader';

describe('loadOpenIdClient', () => {
  it('loads the ES-module-only openid-client from CommonJS, once', async () => {
    const first = loadOpenIdClient();
    expect(loadOpenIdClient()).toBe(first);
    const client = await first;
    expect(typeof client.discovery).toBe('function');
    expect(typeof client.authorizationCodeGrant).toBe('function');
    expect(typeof client.buildAuthorizationUrl).toBe('function');
  });
});
