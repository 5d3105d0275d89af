import WebSocket from 'ws';
import { gql } from '@apollo/client';
import { createCrmClient, type CrmClient } from './create-crm-client';
import type { ConnectionState } from './ws/connection-state';
import { startDealStreamServer, waitFor, type DealStreamServer, type DealStreamServerOptions } from './testing/deal-stream-server.fixture';

const DEAL_STAGE_CHANGED = gql`
  subscription DealStageChanged($after: String) {
    dealStageChanged(after: $after) {
      cursor
      name
    }
  }
`;

interface Received {
  cursors: string[];
  errors: unknown[];
  completed: boolean;
}

describe('createCrmClient', () => {
  let server: DealStreamServer;
  let client: CrmClient | undefined;
  const disposers: Array<() => void> = [];

  afterEach(async () => {
    disposers.splice(0).forEach((dispose) => dispose());
    await client?.dispose();
    client = undefined;
    await server?.close();
  });

  function connect(token: string | (() => string), states: ConnectionState[] = []): CrmClient {
    client = createCrmClient({
      url: server.url,
      token,
      webSocketImpl: WebSocket,
      reconnectBaseDelayMs: 20,
      reconnectMaxDelayMs: 200,
      onConnectionChange: (state) => states.push(state),
    });
    return client;
  }

  function watch(crm: CrmClient, variables: { after?: string } = {}): Received {
    const received: Received = { cursors: [], errors: [], completed: false };
    const subscription = crm.subscribe<{ dealStageChanged: { cursor: string } }>({ query: DEAL_STAGE_CHANGED, variables }).subscribe({
      next: ({ data, error }) => {
        if (error) received.errors.push(error);
        if (data) received.cursors.push(data.dealStageChanged.cursor);
      },
      complete: () => (received.completed = true),
    });
    disposers.push(() => subscription.unsubscribe());
    return received;
  }

  /** A server that accepts `t1` (with `options`) and a client of it whose subscription has reached the server. */
  async function subscribed(states: ConnectionState[] = [], options: Omit<DealStreamServerOptions, 'acceptTokens'> = {}): Promise<Received> {
    server = await startDealStreamServer({ acceptTokens: ['t1'], ...options });
    const received = watch(connect('t1', states));
    await waitFor('the subscription to reach the server', () => server.subscribes.length === 1);
    return received;
  }

  it('sends queries over HTTP with the bearer token in the authorization header', async () => {
    server = await startDealStreamServer({ acceptTokens: ['t1'] });
    const { data } = await connect('t1').query<{ whoami: string }>({ query: gql`{ whoami }` });
    expect(data?.whoami).toBe('Bearer t1');
    expect(server.connections).toEqual([]); // no socket opened for a query
  });

  it('delivers subscription events over the WebSocket with the token in connectionParams', async () => {
    const received = await subscribed();
    const published = ['Discovery', 'Proposal', 'Negotiation'].map((name) => server.publish(name).cursor);

    await waitFor('three events', () => received.cursors.length === 3);
    expect(received.cursors).toEqual(published);
    expect(server.connections).toEqual(['Bearer t1']);
    expect(server.subscribes).toEqual([null]);
  });

  it('reconnects after the server kills the socket and resumes after the last cursor, losing and repeating nothing', async () => {
    const states: ConnectionState[] = [];
    const received = await subscribed(states);
    const before = [1, 2, 3].map((n) => server.publish(`before ${n}`).cursor);
    await waitFor('the first three events', () => received.cursors.length === 3);

    server.dropConnections();
    // Published while the client is disconnected: only a resume with `after` can deliver these.
    const missed = [1, 2, 3, 4, 5].map((n) => server.publish(`missed ${n}`).cursor);
    await waitFor('the resubscription', () => server.subscribes.length === 2);
    const live = server.publish('live').cursor;

    await waitFor('all nine events', () => received.cursors.length === 9);
    await new Promise((resolve) => setTimeout(resolve, 100)); // room for a stray duplicate to show up
    expect(received.cursors).toEqual([...before, ...missed, live]);
    expect(server.subscribes).toEqual([null, before[2]]);
    expect(received.errors).toEqual([]);
    expect(states.map((s) => s.status)).toEqual(['connecting', 'connected', 'disconnected', 'reconnecting', 'connecting', 'connected']);
    expect(states[2]).toMatchObject({ status: 'disconnected', code: 1006, fatal: false });
    expect(states[5]).toEqual({ status: 'connected', retry: true });
  });

  it.each([
    [1001, 'Going Away'],
    [1012, 'Service Restart'],
    [1013, 'Try Again Later'],
    [4500, 'Internal Server Error'], // graphql-ws gives up on 4500; the SDK resubscribes itself
  ])('reconnects and resumes after the gateway closes the socket with %i', async (code, reason) => {
    const states: ConnectionState[] = [];
    const received = await subscribed(states);
    const first = server.publish('one').cursor;
    await waitFor('the first event', () => received.cursors.length === 1);

    server.closeConnections(code, reason);
    const missed = server.publish('two').cursor;
    await waitFor('the missed event', () => received.cursors.length === 2);
    expect(received.cursors).toEqual([first, missed]);
    expect(server.subscribes).toEqual([null, first]);
    expect(states).toContainEqual({ status: 'disconnected', code, reason, fatal: false });
  });

  it('keeps retrying while the gateway is down and resumes once it is back on the same port', async () => {
    const states: ConnectionState[] = [];
    const received = await subscribed(states);
    const before = server.publish('before').cursor;
    await waitFor('the first event', () => received.cursors.length === 1);

    const { log, url } = server;
    await server.close();
    const reconnectsWhileDown = () => states.filter((s) => s.status === 'reconnecting').length;
    await waitFor('a few refused reconnects', () => reconnectsWhileDown() >= 3);
    log.push({ cursor: 'c000002', name: 'written while the gateway was down' });
    server = await startDealStreamServer({ acceptTokens: ['t1'], log, port: Number(new URL(url).port) });

    await waitFor('the event written during the outage', () => received.cursors.length === 2);
    expect(received.cursors).toEqual([before, 'c000002']);
    expect(server.subscribes).toEqual([before]);
    expect(received.errors).toEqual([]);
  });

  it('resumes from the latest cursor on every reconnect, not the first one', async () => {
    const received = await subscribed();
    const expected: string[] = [];
    for (let round = 1; round <= 3; round++) {
      expected.push(server.publish(`round ${round}`).cursor);
      await waitFor(`event of round ${round}`, () => received.cursors.length === expected.length);
      server.dropConnections();
      await waitFor(`resubscription ${round}`, () => server.subscribes.length === round + 1);
    }
    expect(server.subscribes).toEqual([null, ...expected]);
    expect(received.cursors).toEqual(expected);
  });

  it('drops an event the server replays twice after a resume', async () => {
    const received = await subscribed([], { replayInclusive: true });
    const first = server.publish('one').cursor;
    await waitFor('the first event', () => received.cursors.length === 1);

    server.dropConnections();
    await waitFor('the resubscription', () => server.subscribes.length === 2);
    const second = server.publish('two').cursor;
    await waitFor('the second event', () => received.cursors.length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received.cursors).toEqual([first, second]);
  });

  it('starts from the after the caller passes and resumes from there when nothing arrived yet', async () => {
    server = await startDealStreamServer({ acceptTokens: ['t1'] });
    const old = [1, 2, 3].map((n) => server.publish(`old ${n}`).cursor);
    const received = watch(connect('t1'), { after: old[0] });
    await waitFor('the replayed events', () => received.cursors.length === 2);
    expect(received.cursors).toEqual(old.slice(1));
    expect(server.subscribes).toEqual([old[0]]);
  });

  it('reads the current token on every reconnect', async () => {
    server = await startDealStreamServer({ acceptTokens: ['old', 'new'] });
    let token = 'old';
    const received = watch(connect(() => token));
    await waitFor('the subscription to reach the server', () => server.subscribes.length === 1);
    token = 'new';
    server.dropConnections();
    await waitFor('the resubscription', () => server.subscribes.length === 2);
    server.publish('after rotation');
    await waitFor('the event', () => received.cursors.length === 1);
    expect(server.connections).toEqual(['Bearer old', 'Bearer new']);
  });

  it('does not retry when the gateway refuses the token with 4403', async () => {
    server = await startDealStreamServer({ acceptTokens: ['good'] });
    const states: ConnectionState[] = [];
    const received = watch(connect('bad', states));
    await waitFor('the subscription to end', () => received.completed);

    await new Promise((resolve) => setTimeout(resolve, 500)); // > 2 backoff ceilings: a retry would have happened
    expect(server.connections).toEqual(['Bearer bad']);
    expect(received.errors).toHaveLength(1);
    expect(String((received.errors[0] as Error).message)).toContain('4403');
    expect(states).toContainEqual({ status: 'disconnected', code: 4403, reason: 'Forbidden', fatal: true });
    expect(states.some((s) => s.status === 'reconnecting')).toBe(false);
  });

  it('answers subscriptions with a clear error when there is no WebSocket implementation', async () => {
    server = await startDealStreamServer({ acceptTokens: ['t1'] });
    client = createCrmClient({ url: server.url, token: 't1' }); // Node 20: no global WebSocket
    expect(client.ws).toBeUndefined();
    const received = watch(client);
    await waitFor('the subscription to end', () => received.completed);
    expect(String((received.errors[0] as Error).message)).toContain("webSocketImpl: WebSocket` from 'ws'");
  });
});
