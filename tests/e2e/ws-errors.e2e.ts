import { UserRole } from '@crm/kernel';
import { eventually, type Platform, startPlatform } from '@crm/testing';
import { MOVE_STAGE, moveDeal, nextStageInput } from './deal-moves';
import { firstOpenDeal, tokenForSeededUser } from './platform-helpers';
import { clientsDisposedAfterEach, streamsReady } from './ws-client';
import { answer, codesOf, errorsOf, run, watchSockets } from './ws-operations';

const CHANGES = `
  subscription Changes($filter: DealStageChangedFilter) {
    dealStageChanged(filter: $filter) { cursor opportunity { id name } toStage { id name } }
  }
`;

describe('errors over the WebSocket', () => {
  let platform: Platform;
  let admin: string;
  let deal: { id: string; pipelineId: string };
  const connect = clientsDisposedAfterEach(() => platform.gatewayUrl);
  /** A socket of the admin's holding one live subscription to the deal's pipeline, its stream open upstream. */
  const liveSocket = async () => {
    const client = connect(admin);
    const sockets = watchSockets(client);
    await streamsReady(platform.subgraphUrls.opportunities, 0);
    const live = run(client, CHANGES, { filter: { pipelineId: deal.pipelineId } });
    await streamsReady(platform.subgraphUrls.opportunities, 1);
    return { client, sockets, live };
  };

  beforeAll(async () => {
    platform = await startPlatform({ seedScale: 0.1 });
    admin = await tokenForSeededUser(platform.database.url);
    deal = await firstOpenDeal(platform.as(admin));
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('answers a failing query and a failing mutation with their errors and keeps the socket and its live subscription', async () => {
    const { client, sockets, live } = await liveSocket();

    const query = await answer(client, '{ accounts(first: 101) { totalCount } }');
    expect(query.error).toBeUndefined();
    expect(codesOf(query)).toEqual(['BAD_USER_INPUT']);
    expect(errorsOf(query)[0].message).toMatch(/first/);
    expect(JSON.stringify(query.results)).not.toMatch(/stacktrace|serviceName/);

    const stale = { ...(await nextStageInput(platform.as(admin), deal.id)), expectedVersion: 0 };
    const mutation = await answer(client, MOVE_STAGE, { input: stale });
    expect(mutation.error).toBeUndefined();
    expect(codesOf(mutation)).toEqual(['CONFLICT']);

    const moved = await answer(client, MOVE_STAGE, { input: await nextStageInput(platform.as(admin), deal.id) });
    expect(errorsOf(moved)).toEqual([]);
    const stageId = moved.results[0].data.moveOpportunityStage.stage.id;
    await eventually(() => live.results.length > 0, { timeoutMs: 10_000, what: 'the live event on the same socket' });
    expect(live.results[0].data?.dealStageChanged).toMatchObject({ opportunity: { id: deal.id }, toStage: { id: stageId } });
    expect(live.error).toBeUndefined();
    expect(sockets).toEqual({ opened: 1, closes: [] });
  });

  it('refuses a subscription with an unknown argument, a bad filter or a root field it cannot plan in an error to it alone, socket kept', async () => {
    const { client, sockets, live } = await liveSocket();

    const unknownArgument = await answer(client, 'subscription { dealStageChanged(since: 1) { cursor } }');
    expect(codesOf(unknownArgument)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const badFilter = await answer(client, CHANGES, { filter: { pipelineId: 'not-an-id' } });
    expect(codesOf(badFilter)).toEqual(['BAD_USER_INPUT']);
    const conditional = await answer(client, 'subscription { dealStageChanged @include(if: false) { cursor } }');
    expect(conditional.error).toBeUndefined();
    expect(codesOf(conditional)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(errorsOf(conditional)[0].message).toMatch(/@include/);

    await moveDeal(platform.as(admin), deal.id);
    await eventually(() => live.results.length > 0, { timeoutMs: 10_000, what: 'the live event after the refusals' });
    expect(sockets).toEqual({ opened: 1, closes: [] });
  });

  it('delivers a subgraph error of an event with the event: FORBIDDEN at auditTrail for a REP, the other fields with data', async () => {
    const rep = await tokenForSeededUser(platform.database.url, UserRole.REP);
    const me = (await platform.as(rep).call('{ me { id } }', {})).data.me;
    const { data } = await platform.as(rep).call(`query($owner: ID!) { opportunities(first: 1, filter: { ownerId: $owner, stageKind: OPEN }) { edges { node { id } } } }`, { owner: me.id });
    const own = data.opportunities.edges[0].node;
    const client = connect(rep);
    await streamsReady(platform.subgraphUrls.opportunities, 0);
    const feed = run(client, 'subscription { dealStageChanged { cursor toStage { id } opportunity { id auditTrail(first: 1) { totalCount } } } }');
    await streamsReady(platform.subgraphUrls.opportunities, 1);
    const stageId = await moveDeal(platform.as(rep), own.id);
    await eventually(() => feed.results.length > 0, { timeoutMs: 10_000, what: "the REP's event" });

    const [event] = feed.results;
    // auditTrail is non-null: its null reaches the nullable opportunity, and the error says why.
    expect(event.data?.dealStageChanged).toEqual({ cursor: expect.any(String), toStage: { id: stageId }, opportunity: null });
    expect(event.errors).toEqual([
      expect.objectContaining({ path: ['dealStageChanged', 'opportunity', 'auditTrail'], extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }),
    ]);
    expect(JSON.stringify(event.errors)).not.toMatch(/serviceName|stacktrace/);
  });
});
