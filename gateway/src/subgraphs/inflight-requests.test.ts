import { InflightRequests } from './inflight-requests';

/** A send whose answer the test releases, counting how often it was called. */
function controlledSend() {
  let release!: (body: string) => void;
  const send = jest.fn(() => new Promise<string>((resolve) => (release = resolve)));
  return { send, release: (body: string) => release(body) };
}

describe('InflightRequests', () => {
  it('sends identical reads of one scope once while in flight, and each caller gets the answer', async () => {
    const inflight = new InflightRequests();
    const { send, release } = controlledSend();
    const first = inflight.subgraphRead('accounts', 'rep-1', '{"query":"{a}"}', send);
    const second = inflight.subgraphRead('accounts', 'rep-1', '{"query":"{a}"}', send);
    release('{"data":{"a":1}}');
    const [a, b] = await Promise.all([first, second]);
    expect(send).toHaveBeenCalledTimes(1);
    expect(a).toBe('{"data":{"a":1}}');
    expect(b).toBe('{"data":{"a":1}}');
  });

  it('never shares between scopes, subgraphs or bodies', async () => {
    const inflight = new InflightRequests();
    const sends = [controlledSend(), controlledSend(), controlledSend(), controlledSend()];
    const answers = [
      inflight.subgraphRead('accounts', 'rep-1', 'q', sends[0].send),
      inflight.subgraphRead('accounts', 'rep-2', 'q', sends[1].send),
      inflight.subgraphRead('activities', 'rep-1', 'q', sends[2].send),
      inflight.subgraphRead('accounts', 'rep-1', 'q2', sends[3].send),
    ];
    sends.forEach(({ release }, i) => release(String(i)));
    expect(await Promise.all(answers)).toEqual(['0', '1', '2', '3']);
    for (const { send } of sends) expect(send).toHaveBeenCalledTimes(1);
  });

  it('does not let a read that starts after a write join one sent before it', async () => {
    const inflight = new InflightRequests();
    const before = controlledSend();
    const after = controlledSend();
    const old = inflight.subgraphRead('opportunities', 'rep-1', 'q', before.send);
    inflight.wrote();
    const fresh = inflight.subgraphRead('opportunities', 'rep-1', 'q', after.send);
    before.release('old');
    after.release('new');
    expect(await old).toBe('old');
    expect(await fresh).toBe('new');
  });

  it('forgets a request once answered, and a failed one fails all who shared it', async () => {
    const inflight = new InflightRequests();
    const failing = jest.fn(() => Promise.reject(new Error('subgraph down')));
    const shared = [inflight.subgraphRead('accounts', 'rep-1', 'q', failing), inflight.subgraphRead('accounts', 'rep-1', 'q', failing)];
    for (const answer of shared) await expect(answer).rejects.toThrow('subgraph down');
    expect(failing).toHaveBeenCalledTimes(1);
    const { send, release } = controlledSend();
    const next = inflight.subgraphRead('accounts', 'rep-1', 'q', send);
    release('again');
    expect(await next).toBe('again');
    expect(send).toHaveBeenCalledTimes(1);
  });
});
