import { UserRole } from '@crm/kernel';
import { type Platform, postJson, startPlatform, testToken } from '@crm/testing';
import { Client } from 'pg';

/**
 * The gateway runs an identical read (a whole operation, or a subgraph request of one) only once
 * while it is in flight, and shares the answer only with callers of the same authorization scope:
 * two REPs of different teams sending the same query at the same moment each get their own deals.
 */

const DEALS = `{ opportunities(first: 100, orderBy: { field: NAME, direction: ASC }) { totalCount edges { node { id name owner { id } } } } }`;

interface Deals {
  opportunities: { totalCount: number; edges: { node: { id: string; name: string; owner: { id: string } } }[] };
}

/** Operations and subgraph reads the gateway has answered from an identical one in flight, so far. */
async function sharedSoFar(gatewayUrl: string): Promise<number> {
  const text = await (await fetch(new URL('/metrics', gatewayUrl))).text();
  return text
    .split('\n')
    .filter((line) => /^crm_gateway_(operations|subgraph_requests)_shared_total[{ ]/.test(line))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

describe('in-flight sharing of subgraph reads', () => {
  let platform: Platform;
  let reps: { token: string; userId: string; email: string; teamId: string }[];

  beforeAll(async () => {
    platform = await startPlatform({ seedScale: 1 });
    const db = new Client({ connectionString: platform.database.url });
    await db.connect();
    try {
      // One REP from each of two teams.
      const { rows } = await db.query(
        `SELECT DISTINCT ON (team_id) id, email, team_id FROM accounts.users WHERE role = 'REP' AND team_id IS NOT NULL ORDER BY team_id, email LIMIT 2`,
      );
      expect(rows).toHaveLength(2);
      reps = await Promise.all(
        rows.map(async (row) => ({ userId: row.id, email: row.email, teamId: row.team_id, token: await testToken({ userId: row.id, email: row.email, role: UserRole.REP, teamId: row.team_id }) })),
      );
    } finally {
      await db.end();
    }
  });

  afterAll(() => platform?.stop());

  it('gives two REPs of different teams, asking the same thing at the same moment, each their own deals', async () => {
    const [first, second] = reps;
    const alone = await Promise.all(reps.map((rep) => platform.as(rep.token).ok<Deals>(DEALS)));
    expect(alone[0]).not.toEqual(alone[1]);
    for (const [i, answer] of alone.entries()) {
      const owners = answer.opportunities.edges.map((edge) => edge.node.owner.id);
      expect(owners).toContain(reps[i].userId);
      // A REP reads their own deals and those shared with their team: none of the other team's REP.
      expect(owners).not.toContain(reps[1 - i].userId);
    }

    const before = await sharedSoFar(platform.gatewayUrl);
    // Interleaved, all at once: 20 of each.
    const callers = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? first : second));
    const answers = await Promise.all(callers.map((rep) => platform.as(rep.token).ok<Deals>(DEALS)));
    for (const [i, answer] of answers.entries()) expect(answer).toEqual(alone[i % 2]);
    // Identical reads of one person did share (so the answers above were in a position to leak).
    expect(await sharedSoFar(platform.gatewayUrl)).toBeGreaterThan(before);
  });

  it('shares between two tokens of one person, and a read after a write sees the write', async () => {
    const [rep] = reps;
    // Another sign-in of the same person a second later: a different token, the same rights.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const again = await testToken({ userId: rep.userId, email: rep.email, role: UserRole.REP, teamId: rep.teamId });
    expect(again).not.toBe(rep.token);
    const [one, two] = await Promise.all([platform.as(rep.token).ok<Deals>(DEALS), platform.as(again).ok<Deals>(DEALS)]);
    expect(two).toEqual(one);

    const deal = one.opportunities.edges.find((edge) => edge.node.owner.id === rep.userId)!.node;
    // Reads keep coming while the write goes through; the first read after it returns sees it.
    let reading = true;
    const load = (async () => {
      while (reading) await platform.as(rep.token).ok<Deals>(DEALS);
    })();
    await platform.as(rep.token).ok(`mutation($id: ID!, $input: UpdateOpportunityInput!) { updateOpportunity(id: $id, input: $input) { id } }`, {
      id: deal.id,
      input: { name: `${deal.name} (renamed)` },
    });
    const after = await platform.as(rep.token).ok<Deals>(DEALS);
    reading = false;
    await load;
    expect(after.opportunities.edges.map((edge) => edge.node.name)).toContain(`${deal.name} (renamed)`);
  });

  it('gives every caller of a shared answer with errors its own request id', async () => {
    const [rep] = reps;
    // A REP may not read the audit trail: every answer has a FORBIDDEN error carrying the request id.
    const query = `{ opportunities(first: 1) { edges { node { id auditTrail { edges { node { action } } } } } } }`;
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        postJson(`${platform.gatewayUrl}`, { query }, { token: rep.token, headers: { 'x-request-id': `shared-errors-${i}` } }),
      ),
    );
    for (const [i, answer] of answers.entries()) {
      expect(answer.status).toBe(200);
      expect(answer.body.errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', requestId: `shared-errors-${i}` });
    }
  });
});
