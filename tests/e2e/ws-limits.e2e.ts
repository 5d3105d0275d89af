import { UserRole } from '@crm/kernel';
import { eventually, type Platform, startPlatform } from '@crm/testing';
import WebSocket from 'ws';
import { moveDeal } from './deal-moves';
import { firstOpenDeal, tokenForSeededUser } from './platform-helpers';
import { clientsDisposedAfterEach, streamsReady } from './ws-client';
import { answer, errorsOf, run, watchSockets } from './ws-operations';

/** The close code `ws` sends when a message is over the server's maximum size. */
const MESSAGE_TOO_BIG = 1009;
/** The gateway's default BODY_LIMIT, 1mb, in bytes: the largest HTTP body and WebSocket message. */
const BODY_LIMIT_BYTES = 1024 * 1024;

const CHANGES = `
  subscription Changes($filter: DealStageChangedFilter) {
    dealStageChanged(filter: $filter) { cursor opportunity { id } }
  }
`;

/** A raw graphql-transport-ws socket, acknowledged, for sending messages no client library would. */
async function rawSocket(gatewayUrl: string, token: string): Promise<{ socket: WebSocket; messages: any[]; closed: Promise<{ code: number; reason: string }> }> {
  const socket = new WebSocket(gatewayUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
  const messages: any[] = [];
  socket.on('message', (data) => messages.push(JSON.parse(String(data))));
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  socket.on('error', () => undefined); // writing the rest of a refused message may fail once the server has closed
  socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
  await eventually(() => messages.some((m) => m.type === 'connection_ack'), { timeoutMs: 10_000, what: 'connection_ack' });
  return { socket, messages, closed };
}

describe('limits of the WebSocket', () => {
  let platform: Platform;
  let pipelineId: string;
  let dealId: string;
  const connect = clientsDisposedAfterEach(() => platform.gatewayUrl);

  beforeAll(async () => {
    platform = await startPlatform({ seedScale: 0.1, env: { MAX_SUBSCRIPTIONS_PER_SOCKET: '3', MAX_SUBSCRIPTIONS_PER_USER: '5' } });
    const admin = await tokenForSeededUser(platform.database.url);
    ({ id: dealId, pipelineId } = await firstOpenDeal(platform.as(admin)));
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('refuses a fourth subscription on a connection allowed three, keeps the three live and takes a new one once one is completed', async () => {
    const admin = await tokenForSeededUser(platform.database.url, UserRole.ADMIN);
    const client = connect(admin);
    const sockets = watchSockets(client);
    await streamsReady(platform.subgraphUrls.opportunities, 0);
    // Distinct filters, so each holds its own upstream stream.
    const live = [{ pipelineId }, { pipelineId, toStageKind: 'OPEN' }, { toStageKind: 'OPEN' }].map((filter) => run(client, CHANGES, { filter }));
    await streamsReady(platform.subgraphUrls.opportunities, 3);

    const fourth = await answer(client, CHANGES, { filter: { pipelineId, ownerId: null } });
    expect(fourth.results).toEqual([]);
    expect(fourth.error).toEqual([
      {
        message: 'Too many subscriptions on this connection: the maximum is 3; complete one first',
        extensions: { code: 'SUBSCRIPTION_LIMIT', maximum: 3 },
      },
    ]);
    // A query is no subscription: it is answered however many subscriptions the connection holds.
    expect(errorsOf(await answer(client, '{ me { id } }'))).toEqual([]);

    await moveDeal(platform.as(admin), dealId);
    await eventually(() => live.every((s) => s.results.length === 1), { timeoutMs: 10_000, what: 'the event on all three live subscriptions' });

    live[2].dispose();
    const replacement = run(client, CHANGES, { filter: { pipelineId, ownerId: null } });
    await streamsReady(platform.subgraphUrls.opportunities, 3);
    await moveDeal(platform.as(admin), dealId);
    await eventually(() => replacement.results.length === 1 && live[0].results.length === 2, { timeoutMs: 10_000, what: 'the event on the replacement' });
    expect(replacement.error).toBeUndefined();
    expect(sockets).toEqual({ opened: 1, closes: [] });
  });

  it('refuses a user a sixth subscription across two connections, and takes one again when a connection closes', async () => {
    const manager = await tokenForSeededUser(platform.database.url, UserRole.MANAGER);
    const first = connect(manager);
    const second = connect(manager);
    await streamsReady(platform.subgraphUrls.opportunities, 0);
    const held = [
      ...[{ pipelineId }, { toStageKind: 'OPEN' }, { toStageKind: 'WON' }].map((filter) => run(first, CHANGES, { filter })),
      ...[{ toStageKind: 'LOST' }, { pipelineId, toStageKind: 'WON' }].map((filter) => run(second, CHANGES, { filter })),
    ];
    await streamsReady(platform.subgraphUrls.opportunities, 5);
    const sixth = await answer(second, CHANGES, { filter: { pipelineId, toStageKind: 'LOST' } });
    expect(sixth.error).toEqual([
      {
        message: 'Too many subscriptions of this user on this server: the maximum is 5 across all connections; complete one first',
        extensions: { code: 'SUBSCRIPTION_LIMIT', maximum: 5 },
      },
    ]);
    // Another user is not counted against this one.
    const analyst = connect(await tokenForSeededUser(platform.database.url, UserRole.ANALYST));
    const other = run(analyst, CHANGES, { filter: { pipelineId, toStageKind: 'LOST' } });
    await streamsReady(platform.subgraphUrls.opportunities, 6);

    await first.dispose();
    await streamsReady(platform.subgraphUrls.opportunities, 3); // the first connection's three are gone
    const again = run(second, CHANGES, { filter: { pipelineId, toStageKind: 'LOST' } });
    await streamsReady(platform.subgraphUrls.opportunities, 4);
    expect([again.error, other.error, ...held.slice(3).map((s) => s.error)]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('closes a connection with 1009 on a message larger than the HTTP body limit, and takes one just below it', async () => {
    const { socket, messages, closed } = await rawSocket(platform.gatewayUrl, await tokenForSeededUser(platform.database.url));
    // A ping's payload comes back in the pong: the server read the whole message.
    const below = JSON.stringify({ type: 'ping', payload: { padding: '' } });
    socket.send(JSON.stringify({ type: 'ping', payload: { padding: 'x'.repeat(BODY_LIMIT_BYTES - below.length) } }));
    await eventually(() => messages.some((m) => m.type === 'pong'), { timeoutMs: 10_000, what: 'the pong to a message of exactly the limit' });

    socket.send(JSON.stringify({ type: 'ping', payload: { padding: 'x'.repeat(20 * BODY_LIMIT_BYTES) } }));
    let timer: NodeJS.Timeout | undefined;
    const stillOpen = new Promise((resolve) => (timer = setTimeout(() => resolve('still open 5 s after a 20 MiB message'), 5_000)));
    const outcome = await Promise.race([closed, stillOpen]);
    clearTimeout(timer);
    socket.terminate();
    expect(outcome).toEqual({ code: MESSAGE_TOO_BIG, reason: '' });
  });
});
