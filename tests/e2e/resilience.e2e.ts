import { createCrmClient, gql } from '@crm/client';
import { callerOf, eventually, startPlatform, type Platform } from '@crm/testing';
import { spawn } from 'node:child_process';
import path from 'node:path';
import WebSocket from 'ws';
import { tokenForSeededUser } from './platform-helpers';
import { collect, streamsReady, wsClient } from './ws-client';

const DEALS = gql`
  subscription Deals($filter: DealStageChangedFilter, $after: String) {
    dealStageChanged(filter: $filter, after: $after) {
      cursor
      opportunity { id name amount { amount currency } account { name } }
      fromStage { name }
      toStage { name }
    }
  }
`;

describe('deal-stage changes across restarts and instances', () => {
  let platform: Platform;
  let admin: string;
  let pipelineId: string;
  let openStages: string[];
  let dealIds: string[];

  /** Moves a deal to the next OPEN stage through `url` (the gateway or an opportunities instance). */
  async function move(id: string, url = platform.gatewayUrl): Promise<void> {
    // Signed like the gateway signs, so that it also works straight against a subgraph.
    const current = (await callerOf(url, admin).call(`query($id: ID!) { opportunity(id: $id) { version stage { id } } }`, { id })).data.opportunity;
    const next = openStages[(openStages.indexOf(current.stage.id) + 1) % openStages.length];
    const response = await callerOf(url, admin).call(`mutation($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { version } }`, {
      input: { opportunityId: id, stageId: next, expectedVersion: current.version },
    });
    expect(response.errors).toBeUndefined();
  }

  beforeAll(async () => {
    platform = await startPlatform({ seedScale: 0.1, secondInstance: true });
    admin = await tokenForSeededUser(platform.database.url);
    const { data } = await platform.as(admin).call(`{ pipelines { edges { node { id isDefault stages { id kind } } } } }`);
    const pipeline = data.pipelines.edges.map((e: any) => e.node).find((p: any) => p.isDefault);
    pipelineId = pipeline.id;
    openStages = pipeline.stages.filter((s: any) => s.kind === 'OPEN').map((s: any) => s.id);
    const deals = await platform.as(admin).call(`query($p: ID!) { opportunities(first: 5, filter: { pipelineId: $p, stageKind: OPEN }) { edges { node { id } } } }`, { p: pipelineId });
    dealIds = deals.data.opportunities.edges.map((e: any) => e.node.id);
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('reaches a subscriber on gateway B when the change goes through gateway A and subgraph instance 1', async () => {
    const client = wsClient(platform.second!.gatewayUrl, admin);
    const feed = collect(client, DEALS.loc!.source.body, { filter: { pipelineId } });
    await streamsReady(platform.second!.opportunitiesUrl, 1);
    await move(dealIds[0], platform.gatewayUrl);
    await eventually(() => feed.events.length === 1, { timeoutMs: 10_000, what: 'the event on gateway B' });
    expect(feed.events[0].dealStageChanged.opportunity.id).toBe(dealIds[0]);
    expect(feed.events[0].dealStageChanged.opportunity.account.name).toEqual(expect.any(String));
    feed.dispose();
    await client.dispose();
  });

  it('resumes a live subscription after the subgraph behind it restarts, with every change made meanwhile, once', async () => {
    // A raw client with no `after` of its own: the gateway's upstream resumes from the last cursor it delivered.
    const client = wsClient(platform.gatewayUrl, admin);
    const feed = collect(client, DEALS.loc!.source.body, { filter: { pipelineId } });
    await streamsReady(platform.subgraphUrls.opportunities, 1);
    await move(dealIds[3]);
    await eventually(() => feed.events.length === 1, { timeoutMs: 10_000, what: 'the first event' });

    await platform.halt('opportunities');
    // Meanwhile the deals move through the second instance, on the same database.
    await move(dealIds[3], platform.second!.opportunitiesUrl);
    await move(dealIds[4], platform.second!.opportunitiesUrl);
    await platform.launch('opportunities');
    await eventually(() => feed.events.length === 3, { timeoutMs: 15_000, what: 'the two changes made while the subgraph was down' });
    await move(dealIds[4]);
    await eventually(() => feed.events.length === 4, { timeoutMs: 10_000, what: 'the next live change' });
    expect(feed.events.map((e) => e.dealStageChanged.opportunity.id)).toEqual([dealIds[3], dealIds[3], dealIds[4], dealIds[4]]);
    const cursors = feed.events.map((e) => e.dealStageChanged.cursor);
    expect(new Set(cursors).size).toBe(4);
    expect(feed.errors).toEqual([]);
    feed.dispose();
    await client.dispose();
  });

  it('resumes a live subscription whose subgraph restarts before its first event, from the log head when it subscribed', async () => {
    // The previous test's upstream must be gone, so that the one counted below is this subscription's.
    await streamsReady(platform.subgraphUrls.opportunities, 0);
    const client = wsClient(platform.gatewayUrl, admin);
    const feed = collect(client, DEALS.loc!.source.body, { filter: { pipelineId } });
    await streamsReady(platform.subgraphUrls.opportunities, 1);

    await platform.halt('opportunities');
    // The only change happens while the upstream is gone; with nothing delivered, only the head the
    // gateway asked for when the stream started says where to resume.
    await move(dealIds[2], platform.second!.opportunitiesUrl);
    await platform.launch('opportunities');
    await eventually(() => feed.events.length === 1, { timeoutMs: 15_000, what: 'the change made while the subgraph was down' });
    await move(dealIds[2]);
    await eventually(() => feed.events.length === 2, { timeoutMs: 10_000, what: 'the next live change' });
    expect(feed.events.map((e) => e.dealStageChanged.opportunity.id)).toEqual([dealIds[2], dealIds[2]]);
    expect(feed.errors).toEqual([]);
    feed.dispose();
    await client.dispose();
  });

  it('loses nothing through the SDK when the gateway restarts mid-stream', async () => {
    const client = createCrmClient({ url: platform.gatewayUrl, token: admin, webSocketImpl: WebSocket, reconnectBaseDelayMs: 100, reconnectMaxDelayMs: 500 });
    const received: { cursor: string; id: string }[] = [];
    const subscription = client.subscribe({ query: DEALS, variables: { filter: { pipelineId } } }).subscribe(({ data }) => {
      if (data) received.push({ cursor: (data as any).dealStageChanged.cursor, id: (data as any).dealStageChanged.opportunity.id });
    });
    await streamsReady(platform.subgraphUrls.opportunities, 1);
    const expected: string[] = [];
    for (const id of dealIds.slice(0, 3)) {
      await move(id);
      expected.push(id);
    }
    await eventually(() => received.length === 3, { timeoutMs: 10_000, what: 'the first three events' });

    await platform.halt('gateway');
    // While the gateway is down, deals keep moving (straight through the subgraph).
    for (const id of dealIds.slice(0, 4)) {
      await move(id, platform.subgraphUrls.opportunities);
      expected.push(id);
    }
    await platform.launch('gateway');
    for (const id of dealIds.slice(1, 3)) {
      await move(id);
      expected.push(id);
    }
    await eventually(() => received.length >= expected.length, { timeoutMs: 15_000, what: `${expected.length} events` });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(received.map((r) => r.id)).toEqual(expected);
    expect(new Set(received.map((r) => r.cursor)).size).toBe(expected.length);
    subscription.unsubscribe();
    await client.dispose();
  });

  it('loses nothing through the SDK when the gateway restarts before the first event', async () => {
    // The SDK asks for the log head as the subscription starts (over HTTP, through this fetch).
    let headAnswered = false;
    const observedFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (String(init?.body).includes('dealStageChangedCursor')) headAnswered = response.ok;
      return response;
    };
    const client = createCrmClient({ url: platform.gatewayUrl, token: admin, webSocketImpl: WebSocket, fetch: observedFetch, reconnectBaseDelayMs: 100, reconnectMaxDelayMs: 500 });
    const received: string[] = [];
    const subscription = client.subscribe({ query: DEALS, variables: { filter: { pipelineId } } }).subscribe(({ data }) => {
      if (data) received.push((data as any).dealStageChanged.opportunity.id);
    });
    await eventually(() => headAnswered, { timeoutMs: 10_000, what: 'the head cursor' });

    await platform.halt('gateway');
    // Nothing was delivered yet when the socket went; the changes happen while the gateway is down.
    await move(dealIds[0], platform.subgraphUrls.opportunities);
    await move(dealIds[1], platform.subgraphUrls.opportunities);
    await platform.launch('gateway');
    await eventually(() => received.length >= 2, { timeoutMs: 15_000, what: 'the two changes made while the gateway was down' });
    await move(dealIds[2]);
    await eventually(() => received.length >= 3, { timeoutMs: 10_000, what: 'the next live change' });
    expect(received).toEqual([dealIds[0], dealIds[1], dealIds[2]]);
    subscription.unsubscribe();
    await client.dispose();
  });

  it('prints each change live in the watch-deals terminal client', async () => {
    const cli = spawn(process.execPath, [path.resolve(__dirname, '../../packages/client/dist/cli/watch-deals.js'), '--url', platform.gatewayUrl, '--pipeline', pipelineId], {
      env: { ...process.env, CRM_TOKEN: admin },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let status = '';
    cli.stdout.on('data', (chunk) => (out += chunk));
    cli.stderr.on('data', (chunk) => (status += chunk));
    try {
      await eventually(() => status.includes('connected'), { timeoutMs: 10_000, what: 'the CLI to connect' });
      const name = (await platform.as(admin).call(`query($id: ID!) { opportunity(id: $id) { name } }`, { id: dealIds[4] })).data.opportunity.name;
      // The CLI watches live changes only; under load its upstream may need a moment after
      // "connected", so keep moving the deal until a line shows up (at most five moves).
      for (let attempt = 0; attempt < 5 && !out.includes(name); attempt++) {
        await move(dealIds[4]);
        await eventually(() => out.includes(name), { timeoutMs: 2_000, what: 'the printed line' }).catch(() => undefined);
      }
      expect(out).toContain(name);
      expect(out).toMatch(/→/);
    } finally {
      cli.kill('SIGINT');
    }
  });
});
