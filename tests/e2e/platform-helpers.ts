import { UserRole } from '@crm/kernel';
import { testToken, withDatabaseClient, type Caller } from '@crm/testing';

/** A token for the seeded user with `role`, read from the platform's database. */
export async function tokenForSeededUser(databaseUrl: string, role: UserRole = UserRole.ADMIN): Promise<string> {
  const { rows } = await withDatabaseClient(databaseUrl, (client) => client.query('SELECT id, email, team_id FROM accounts.users WHERE role = $1 ORDER BY email LIMIT 1', [role]));
  return testToken({ userId: rows[0].id, email: rows[0].email, role, teamId: rows[0].team_id });
}

/** The first open deal `caller` reads, with its pipeline. */
export async function firstOpenDeal(caller: Caller): Promise<{ id: string; pipelineId: string }> {
  const { opportunities } = await caller.ok(`{ opportunities(first: 1, filter: { stageKind: OPEN }) { edges { node { id pipeline { id } } } } }`);
  const { node } = opportunities.edges[0];
  return { id: node.id, pipelineId: node.pipeline.id };
}

/** SQL queries so far, less the reads of open event streams (`crm_event_log_reads_total`), which poll in the background. */
async function sqlQueriesNow(subgraphUrls: Record<string, string>): Promise<number> {
  let total = 0;
  for (const url of Object.values(subgraphUrls)) {
    const lines = (await (await fetch(new URL('/metrics', url))).text()).split('\n');
    const line = lines.find((l) => l.startsWith('crm_db_queries_total '));
    total += Number(line?.split(' ')[1] ?? 0);
    for (const read of lines.filter((l) => l.startsWith('crm_event_log_reads_total{'))) total -= Number(read.split(' ').pop());
  }
  return total;
}

/**
 * Sum of `crm_db_queries_total` over the three subgraphs' `/metrics`, without the background reads
 * of open event streams (the services' event consumers keep streams open all the time, and each
 * polls its log every few seconds), once it has held still for 300 ms (at most 10 s): work done in
 * the background — a consumer reacting to an earlier test's writes, e.g. an onboarding plan for a
 * deal just won — must not count towards a measurement.
 */
export async function sqlQueriesSoFar(subgraphUrls: Record<string, string>): Promise<number> {
  const deadline = Date.now() + 10_000;
  let last = await sqlQueriesNow(subgraphUrls);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const now = await sqlQueriesNow(subgraphUrls);
    if (now === last || Date.now() > deadline) return now;
    last = now;
  }
}

/** GraphQL requests the three subgraphs have served so far (`crm_http_request_duration_seconds_count` on `/graphql`, any status). */
export async function subgraphRequestsSoFar(subgraphUrls: Record<string, string>): Promise<number> {
  let total = 0;
  for (const url of Object.values(subgraphUrls)) {
    const text = await (await fetch(new URL('/metrics', url))).text();
    for (const line of text.split('\n')) {
      if (line.startsWith('crm_http_request_duration_seconds_count{') && line.includes('route="/graphql"')) total += Number(line.split(' ').pop());
    }
  }
  return total;
}

/** Statements that changed rows so far (`crm_db_writes_total`), summed over the three subgraphs. */
export async function sqlWritesSoFar(subgraphUrls: Record<string, string>): Promise<number> {
  let total = 0;
  for (const url of Object.values(subgraphUrls)) {
    const line = (await (await fetch(new URL('/metrics', url))).text()).split('\n').find((l) => l.startsWith('crm_db_writes_total '));
    total += Number(line?.split(' ')[1] ?? 0);
  }
  return total;
}

/** Runs `run` and checks that no subgraph ran a single SQL statement meanwhile: it was refused before any subgraph worked on it. */
export async function expectNoSql<T>(subgraphUrls: Record<string, string>, run: () => Promise<T>): Promise<T> {
  const before = await sqlQueriesSoFar(subgraphUrls);
  const result = await run();
  expect(await sqlQueriesSoFar(subgraphUrls)).toBe(before);
  return result;
}
