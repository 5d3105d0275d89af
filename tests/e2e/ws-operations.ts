import { eventually } from '@crm/testing';
import type { Client, FormattedExecutionResult } from 'graphql-ws';

/** What a close tells: its code and reason. */
interface Close {
  code: number;
  reason: string;
}

/** Everything one operation on a socket got: its results, its `error` message (or the close that ended it), whether it completed. */
export interface Outcome {
  results: FormattedExecutionResult<any, unknown>[];
  error: unknown;
  completed: boolean;
}

/** Starts one operation on the socket and records what it gets; `dispose` completes it. */
export function run(client: Client, query: string, variables: Record<string, unknown> = {}): Outcome & { dispose(): void } {
  const outcome: Outcome = { results: [], error: undefined, completed: false };
  const dispose = client.subscribe<any>(
    { query, variables },
    {
      next: (result) => outcome.results.push(result),
      // A close comes as a CloseEvent: keep what it says, not the whole socket.
      error: (error) => (outcome.error = Array.isArray(error) ? error : closeOf(error)),
      complete: () => (outcome.completed = true),
    },
  );
  return Object.assign(outcome, { dispose });
}

/** Runs one operation on the socket and waits until it is answered, refused or failed by a close. */
export async function answer(client: Client, query: string, variables: Record<string, unknown> = {}): Promise<Outcome> {
  const outcome = run(client, query, variables);
  await eventually(() => outcome.completed || outcome.error !== undefined, { timeoutMs: 10_000, what: `the answer to ${query}` });
  return outcome;
}

/** The errors an operation got, from `next` results and from its `error` message. */
export function errorsOf(outcome: Outcome): { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[] {
  return [...outcome.results.flatMap((r) => r.errors ?? []), ...(Array.isArray(outcome.error) ? outcome.error : [])];
}

/** The codes of the errors an operation got. */
export function codesOf(outcome: Outcome): unknown[] {
  return errorsOf(outcome).map((e) => e.extensions?.code);
}

/** Counts the sockets a client opened and the closes it saw: a socket that stays up is opened once and never closed. */
export function watchSockets(client: Client): { opened: number; closes: unknown[] } {
  const seen = { opened: 0, closes: [] as unknown[] };
  client.on('connected', () => seen.opened++);
  client.on('closed', (event) => seen.closes.push(closeOf(event)));
  return seen;
}

function closeOf(event: unknown): Close {
  const { code, reason } = event as Close;
  return { code, reason };
}
