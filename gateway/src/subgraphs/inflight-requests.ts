import type { Principal } from '@crm/kernel';
import { Counter } from 'prom-client';
import { metricsRegistry } from '@crm/kernel';

export const subgraphRequestsShared = new Counter({
  name: 'crm_gateway_subgraph_requests_shared_total',
  help: 'Subgraph requests answered by an identical request already in flight for the same authorization scope, by subgraph',
  labelNames: ['subgraph'] as const,
  registers: [metricsRegistry],
});

/**
 * What a subgraph's answer to a read depends on besides the request body: the caller as the
 * subgraph sees them. Subgraphs derive every access decision from these claims of the verified
 * token (the principal), never from the token's bytes, so two tokens of one person share answers
 * and two people never do — even of one role and team, since a REP reads their own deals and a
 * MANAGER's `me` is their own.
 */
export function authorizationScope(principal: Principal): string {
  return JSON.stringify([principal.userId, principal.email, principal.role, principal.teamId]);
}

/**
 * In-flight sharing of identical reads, whole operations at the edge and subgraph requests alike:
 * while one is on its way, an identical one (same key, which always holds the authorization scope)
 * waits for its result instead of being started again. Nothing is kept once the result is there:
 * this is not a cache.
 *
 * A read must see every write the caller has seen complete. So each write answered through this
 * gateway (to any subgraph: one subgraph's data shows in another's fields) starts a new
 * generation, and a read joins only reads started in its own generation: a read started after a
 * mutation returned never gets a result computed before it. A write made through another gateway
 * instance is seen by reads started after it reached the database; a read joining one started just
 * before can miss it, as any read racing a write can.
 */
export class InflightRequests {
  private readonly inflight = new Map<string, Promise<unknown>>();
  private generation = 0;

  /** The result of `produce()`, or of the one already running under `key` in this generation (`joined`). */
  join<T>(key: string, produce: () => Promise<T>): { result: Promise<T>; joined: boolean } {
    const generationKey = `${this.generation}\n${key}`;
    const running = this.inflight.get(generationKey) as Promise<T> | undefined;
    if (running) return { result: running, joined: true };
    const result = produce();
    this.inflight.set(generationKey, result);
    const forget = () => void this.inflight.delete(generationKey);
    result.then(forget, forget);
    return { result, joined: false };
  }

  /** The answer of `send()`, or of an identical request to `subgraph` already in flight for the same scope. */
  subgraphRead<A>(subgraph: string, scope: string, body: string, send: () => Promise<A>): Promise<A> {
    const { result, joined } = this.join(`${subgraph}\n${scope}\n${body}`, send);
    if (joined) subgraphRequestsShared.inc({ subgraph });
    return result;
  }

  /** A write went through: reads from now on must not join reads started before it. */
  wrote(): void {
    this.generation += 1;
  }
}
