import { createCrmClient, gql } from '@crm/client';
import { startPlatform, type Platform } from '@crm/testing';
import { sqlQueriesSoFar, tokenForSeededUser } from './platform-helpers';

describe('the federated CRM through its gateway', () => {
  let platform: Platform;
  let token: string;
  let client: ReturnType<typeof createCrmClient>;

  beforeAll(async () => {
    platform = await startPlatform({ seedScale: 0.1 });
    token = await tokenForSeededUser(platform.database.url);
    client = createCrmClient({ url: platform.gatewayUrl, token });
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('answers one query that crosses accounts, opportunities and activities with seeded data', async () => {
    const { data, error } = await client.query<any>({
      query: gql`
        {
          accounts(first: 5, filter: { lifecycle: CUSTOMER }) {
            totalCount
            edges {
              node {
                name
                owner { name email }
                openPipelineValue { amount currency }
                lastActivityAt
                opportunities(first: 3) {
                  totalCount
                  edges { node { name amount { amount currency } stage { name kind probability } owner { name } } }
                }
                activities(first: 3) { edges { node { type subject owner { email } } } }
              }
            }
          }
        }
      `,
    });
    expect(error).toBeUndefined();
    const accounts = data.accounts.edges.map((e: any) => e.node);
    expect(data.accounts.totalCount).toBeGreaterThan(0);
    expect(accounts.length).toBeGreaterThan(0);
    const withDeals = accounts.filter((a: any) => a.opportunities.totalCount > 0);
    expect(withDeals.length).toBeGreaterThan(0);
    for (const account of accounts) {
      expect(account.owner.email).toMatch(/@crm\.example$/);
      for (const { node } of account.opportunities.edges) {
        expect(node.amount.amount).toMatch(/^\d+\.\d{2}$/);
        expect(node.owner.name).toEqual(expect.any(String));
      }
      for (const { node } of account.activities.edges) expect(node.owner.email).toMatch(/@crm\.example$/);
    }
    expect(accounts.some((a: any) => a.activities.edges.length > 0 && a.lastActivityAt)).toBe(true);
  });

  it('pages through filtered opportunities without repeats, matching totalCount', async () => {
    const pipelines = await client.query<any>({ query: gql`{ pipelines { edges { node { id name stages { id name kind } } } } }` });
    const pipelineId = pipelines.data.pipelines.edges[0].node.id;
    const seen = new Set<string>();
    let after: string | null = null;
    let total = 0;
    do {
      const page: any = await client.query({
        query: gql`
          query Page($pipelineId: ID!, $after: String) {
            opportunities(first: 7, after: $after, filter: { pipelineId: $pipelineId }, orderBy: { field: AMOUNT, direction: DESC }) {
              totalCount
              edges { node { id pipeline { id } } }
              pageInfo { hasNextPage endCursor }
            }
          }
        `,
        variables: { pipelineId, after },
      });
      total = page.data.opportunities.totalCount;
      for (const { node } of page.data.opportunities.edges) {
        expect(node.pipeline.id).toBe(pipelineId);
        expect(seen.has(node.id)).toBe(false);
        seen.add(node.id);
      }
      after = page.data.opportunities.pageInfo.hasNextPage ? page.data.opportunities.pageInfo.endCursor : null;
    } while (after);
    expect(seen.size).toBe(total);
    expect(total).toBeGreaterThan(7);
  });

  it('creates a deal, moves it through stages and records who moved it', async () => {
    const setup = await client.query<any>({
      query: gql`{ me { id email } accounts(first: 1) { edges { node { id name } } } pipelines { edges { node { id isDefault stages { id name kind } } } } }`,
    });
    const pipeline = setup.data.pipelines.edges.map((e: any) => e.node).find((p: any) => p.isDefault);
    const account = setup.data.accounts.edges[0].node;
    const created = await client.mutate<any>({
      mutation: gql`
        mutation Create($input: CreateOpportunityInput!) {
          createOpportunity(input: $input) { id version stage { name } account { name } }
        }
      `,
      variables: { input: { name: 'E2E rollout', accountId: account.id, amount: { amount: '48000.00', currency: 'EUR' }, expectedCloseDate: '2027-03-31' } },
    });
    expect(created.error).toBeUndefined();
    const deal = created.data.createOpportunity;
    expect(deal.account.name).toBe(account.name);
    const won = pipeline.stages.find((s: any) => s.kind === 'WON');
    const moved = await client.mutate<any>({
      mutation: gql`
        mutation Move($input: MoveOpportunityStageInput!) {
          moveOpportunityStage(input: $input) { version closedAt stage { kind } stageHistory { fromStage { name } toStage { name } changedBy { email } } }
        }
      `,
      variables: { input: { opportunityId: deal.id, stageId: won.id, expectedVersion: deal.version } },
    });
    expect(moved.error).toBeUndefined();
    const after = moved.data.moveOpportunityStage;
    expect(after.stage.kind).toBe('WON');
    expect(after.closedAt).toEqual(expect.any(String));
    expect(after.stageHistory).toHaveLength(2);
    expect(after.stageHistory[1]).toMatchObject({ fromStage: { name: deal.stage.name }, toStage: { name: won.name }, changedBy: { email: setup.data.me.email } });
  });

  it('answers bad input with BAD_USER_INPUT naming the fields, and writes nothing', async () => {
    const count = async () => (await client.query<any>({ query: gql`{ opportunities(first: 0) { totalCount } }` })).data.opportunities.totalCount;
    const before = await count();
    const error: any = await client
      .mutate<any>({
        mutation: gql`mutation Bad($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id } }`,
        variables: { input: { name: 'x', accountId: 'not-a-uuid', amount: { amount: '12.345', currency: 'EURO' }, expectedCloseDate: '2027-01-01' } },
      })
      .then(() => null, (e) => e);
    expect(error?.errors).toHaveLength(1);
    const serialized = JSON.stringify(error.errors);
    expect(serialized).toContain('BAD_USER_INPUT');
    expect(serialized).toMatch(/accountId/);
    expect(serialized).toMatch(/amount/);
    expect(serialized).toMatch(/currency/);
    expect(serialized).not.toMatch(/stacktrace|at Object\.|SELECT |INSERT /);
    expect(await count()).toBe(before);
  });

  // Missing, forged, alg-none and expired tokens, and unsigned calls to the subgraphs: attacks.e2e.ts.

  it('costs the same number of SQL queries for a page of 3 or of 15 accounts with nested cross-service data', async () => {
    const query = gql`
      query Nested($first: Int!) {
        accounts(first: $first) {
          edges {
            node {
              name
              owner { name team { name } }
              contacts(first: 3) { totalCount edges { node { name lastActivityAt } } }
              openPipelineValue { amount currency }
              lastActivityAt
              opportunities(first: 3) { edges { node { name stage { name } pipeline { name } owner { email } lastActivityAt activities(first: 2) { edges { node { subject } } } } } }
            }
          }
        }
      }
    `;
    const cost = async (first: number) => {
      const before = await sqlQueriesSoFar(platform.subgraphUrls);
      const { data, error } = await client.query<any>({ query, variables: { first } });
      expect(error).toBeUndefined();
      expect(data.accounts.edges).toHaveLength(first);
      return (await sqlQueriesSoFar(platform.subgraphUrls)) - before;
    };
    const small = await cost(3);
    const large = await cost(15);
    expect(large).toBe(small);
  });

  it('keeps data across a restart of the subgraphs and the gateway', async () => {
    const created = await client.mutate<any>({
      mutation: gql`mutation { createAccount(input: { name: "Durable GmbH", country: "DE", tier: KEY }) { id } }`,
    });
    const id = created.data.createAccount.id;
    await platform.restart('accounts');
    await platform.restart('gateway');
    const fresh = createCrmClient({ url: platform.gatewayUrl, token });
    const { data } = await fresh.query<any>({ query: gql`query($id: ID!) { account(id: $id) { name country tier } }`, variables: { id } });
    expect(data.account).toEqual({ __typename: 'Account', name: 'Durable GmbH', country: 'DE', tier: 'KEY' });
  });

  it('serves the playground from its own bundled assets', async () => {
    const page = await fetch(platform.gatewayUrl, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('playground-assets/playground.js');
    expect(html).not.toMatch(/https?:\/\/(unpkg|cdn|jsdelivr)/);
    const script = html.match(/src="([^"]*playground\.js[^"]*)"/)![1];
    const asset = await fetch(new URL(script, platform.gatewayUrl));
    expect(asset.status).toBe(200);
    expect((await asset.text()).length).toBeGreaterThan(100_000);
  });

  it('reports each subgraph in the gateway readiness probe', async () => {
    const ready: any = await (await fetch(new URL('/ready', platform.gatewayUrl))).json();
    expect(ready.status).toBe('ready');
    expect(ready.checks.map((c: any) => c.name).sort()).toEqual(['subgraph:accounts', 'subgraph:activities', 'subgraph:opportunities']);
  });
});
