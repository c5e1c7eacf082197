// Signing in to the web app through the real local OIDC provider (its own process), against the real
// API, PostgreSQL and Temporal: the backend-for-frontend of ADR 0007 end to end.
import { DEMO_EXTRA_ASSIGNMENTS, DEMO_STAFF } from '../../../apps/api/src/demo/demo-data';
import { startApiHarness, type ApiHarness } from '../api/api-harness';
import { signIn } from './sign-in';

let h: ApiHarness;

beforeAll(async () => {
  h = await startApiHarness({ signIn: true });
});
afterAll(async () => {
  await h?.close();
});

const baseUrl = () => h.baseUrl ?? '';

describe('signing in through the local OIDC provider', () => {
  it('gives the browser a session cookie that the API accepts instead of a bearer token', async () => {
    const { agent, session, location } = await signIn(baseUrl(), DEMO_STAFF.fjordvikTeacher5A, {
      returnTo: '/cases?mine=true',
    });
    expect(location).toBe('/cases?mine=true');
    expect(session.person.name).toBe('Ingrid Haugen');
    expect(session.actingAs.staffId).toBe(DEMO_STAFF.fjordvikTeacher5A.id);
    expect(session.assignments.map((a) => a.staffId).sort()).toEqual(
      [DEMO_STAFF.fjordvikTeacher5A.id, DEMO_EXTRA_ASSIGNMENTS.fjordvikTeacher5ACompetenceTeam.id].sort(),
    );
    const cases = await agent.get('/api/cases');
    expect(cases.status).toBe(200);
  });
});
