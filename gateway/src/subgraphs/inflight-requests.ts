import type { Principal } from '@crm/kernel';
import { Counter } from 'prom-client';
import { metricsRegistry } from '@crm/kernel';

export const subgraphRequestsShared = new Counter({
  name: 'crm_gateway_subgraph_requests_shared_total',
  help: 'Subgraph requests answered by an identical request already in flight for the same authorization scope, by subgraph',
  labelNames: ['subgraph'] as const,
  registers: [metricsRegistry],
});

/** A subgraph's answer, read once, so that every request sharing it can get a Response of its own. */
interface Answer {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: string;
}

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
 * In-flight sharing of identical subgraph reads: while a request is on its way, an identical one
 * (same subgraph, same body, same authorization scope) waits for its answer instead of being sent
 * again. Nothing is kept once the answer arrives: this is not a cache.
 *
 * A read must see every write the caller has seen complete. So each write answered through this
 * gateway (to any subgraph: one subgraph's data shows in another's fields) starts a new
 * generation, and a read joins only requests sent in its own generation: a read started after a
 * mutation returned never gets an answer computed before it. A write made through another gateway
 * instance is seen by reads sent after it reached the database; a read joining one sent just before
 * can miss it, as any read racing a write can.
 */
export class InflightRequests {
  private readonly inflight = new Map<string, Promise<Answer>>();
  private generation = 0;

  /** The answer of `send()`, or of an identical request to `subgraph` already in flight in this generation. */
  async share(subgraph: string, scope: string, body: string, send: () => Promise<Response>): Promise<Response> {
    const key = `${this.generation}\n${subgraph}\n${scope}\n${body}`;
    let answer = this.inflight.get(key);
    if (answer) {
      subgraphRequestsShared.inc({ subgraph });
    } else {
      answer = send().then(readAnswer);
      this.inflight.set(key, answer);
      const forget = () => void this.inflight.delete(key);
      answer.then(forget, forget);
    }
    const { status, statusText, headers, body: text } = await answer;
    return new Response(text, { status, statusText, headers });
  }

  /** A write went through: reads from now on must not join requests sent before it. */
  wrote(): void {
    this.generation += 1;
  }
}

async function readAnswer(response: Response): Promise<Answer> {
  return { status: response.status, statusText: response.statusText, headers: [...response.headers], body: await response.text() };
}
