import { startPlatform, type Platform } from '@crm/testing';
import { tokenForSeededUser } from './platform-helpers';

describe('the gateway with a subgraph down', () => {
  let platform: Platform;
  let token: string;

  beforeAll(async () => {
    platform = await startPlatform({ seedScale: 0.05 });
    token = await tokenForSeededUser(platform.database.url);
    await platform.halt('activities');
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('answers quickly with the data of the other subgraphs and a masked error for the missing part', async () => {
    const started = Date.now();
    const response = await platform.as(token).call(`{ accounts(first: 3) { edges { node { name owner { email } opportunities(first: 1) { totalCount } lastActivityAt } } } }`);
    expect(Date.now() - started).toBeLessThan(2_000);
    const accounts = response.data.accounts.edges.map((e: any) => e.node);
    expect(accounts).toHaveLength(3);
    for (const account of accounts) {
      expect(account.name).toEqual(expect.any(String));
      expect(account.owner.email).toMatch(/@crm\.example$/);
      expect(account.opportunities.totalCount).toEqual(expect.any(Number));
      expect(account.lastActivityAt).toBeNull();
    }
    expect(response.errors?.length).toBeGreaterThan(0);
    const serialized = JSON.stringify(response.errors);
    expect(serialized).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|activities|stack/i);
  });

  it('reports the degraded subgraph on /ready and keeps serving', async () => {
    const ready = await fetch(new URL('/ready', platform.gatewayUrl));
    expect(ready.status).toBe(503);
    const body: any = await ready.json();
    expect(body.checks.find((c: any) => c.name === 'subgraph:activities').status).toBe('down');
    expect(body.checks.find((c: any) => c.name === 'subgraph:accounts').status).toBe('up');
    const still = await platform.as(token).call('{ me { email } }');
    expect(still.data.me.email).toBe('admin@crm.example');
  });

  it('recovers by itself when the subgraph comes back', async () => {
    await platform.launch('activities');
    const response = await platform.as(token).call(`{ accounts(first: 3) { edges { node { lastActivityAt activities(first: 1) { totalCount } } } } }`);
    expect(response.errors).toBeUndefined();
    expect((await fetch(new URL('/ready', platform.gatewayUrl))).status).toBe(200);
  });
});
