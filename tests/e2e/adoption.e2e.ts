import { UserRole } from '@crm/kernel';
import { startPlatform, testToken, type Platform } from '@crm/testing';
import { sqlQueriesSoFar, subgraphRequestsSoFar } from './platform-helpers';

type Who = 'admin' | 'analyst' | 'ada' | 'ben' | 'cleo' | 'otto';

const ADOPTION = `query($from: DateTimeISO!, $to: DateTimeISO!, $teamId: ID) {
  crmAdoption(from: $from, to: $to, teamId: $teamId) {
    threshold team { name }
    rows {
      user { email } team { name }
      activitiesLogged recordsCreated recordsUpdated lastActivityAt
      accountsCreated accountsUpdated contactsCreated contactsUpdated opportunitiesCreated opportunitiesUpdated stageMoves activitiesUpdated
      usageScore teamMedianUsage needsTraining
    }
  } }`;

/**
 * CRM adoption across the three subgraphs, through the gateway: a team of three where one person
 * barely uses the CRM, each working through the gateway with their own token, so every subgraph's
 * audit log names them. Accounts lists the sales people; opportunities and activities add their
 * counts; activities computes the training signal from all three (`@requires`).
 *
 * Team Adoption — Ada (REP), Ben (REP), Cleo (MANAGER); team Other — Otto (REP). In the window:
 *   Ada:  accounts Acme, Globex (created), Acme changed; contact on Acme; deals D1, D2, D1 moved to Proposal;
 *         a call, a meeting and a note logged, the note changed
 *         → accounts 2/1, contacts 1/0, deals 2/1 (1 move), activities 3 logged / 1 changed
 *         → recordsCreated 5, recordsUpdated 3, usage 3 + 5 + 3 = 11
 *   Cleo: account Initech; deal D3; renames Ada's D2 (a manager writes the team's); two calls logged
 *         → recordsCreated 2, recordsUpdated 1, usage 2 + 2 + 1 = 5
 *   Ben:  one call logged → usage 1
 *   Otto: account Umbrella → usage 1, alone in his team
 * Team Adoption's median is 5, threshold 0.5 × 5 = 2.5: only Ben (1) needs training. Otto's median is
 * his own 1: not flagged.
 */
describe('CRM adoption through the gateway', () => {
  let platform: Platform;
  const tokens = {} as Record<Who, string>;
  const team = {} as Record<'adoption' | 'other', string>;
  const startedAt = Date.now();
  const window = { from: new Date(startedAt - 60_000).toISOString(), to: new Date(startedAt + 3_600_000).toISOString() };
  let lastCall: string;

  const as = (who: Who, query: string, variables: Record<string, unknown> = {}) => platform.as(tokens[who]).ok(query, variables);
  const adoption = async (who: Who, teamId?: string) => (await as(who, ADOPTION, { ...window, teamId })).crmAdoption;
  const byEmail = (rows: any[]) => Object.fromEntries(rows.map((row) => [row.user.email.split('@')[0], row]));

  beforeAll(async () => {
    platform = await startPlatform();
    tokens.admin = await testToken({ role: UserRole.ADMIN });
    tokens.analyst = await testToken({ role: UserRole.ANALYST });
    for (const name of ['adoption', 'other'] as const) {
      team[name] = (await as('admin', `mutation($n: String!) { createTeam(input: { name: $n }) { id } }`, { n: name === 'adoption' ? 'Adoption' : 'Other' })).createTeam.id;
    }
    const people: [Exclude<Who, 'admin' | 'analyst'>, string, UserRole, string][] = [
      ['ada', 'Ada', UserRole.REP, team.adoption],
      ['ben', 'Ben', UserRole.REP, team.adoption],
      ['cleo', 'Cleo', UserRole.MANAGER, team.adoption],
      ['otto', 'Otto', UserRole.REP, team.other],
    ];
    for (const [who, firstName, role, teamId] of people) {
      const email = `${who}@crm.example`;
      const { createUser } = await as('admin', `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`, {
        input: { email, firstName, lastName: 'Adopter', role, teamId },
      });
      tokens[who] = await testToken({ userId: createUser.id, email, role, teamId });
    }
    const { createPipeline } = await as('admin', `mutation($input: CreatePipelineInput!) { createPipeline(input: $input) { stages { id name } } }`, {
      input: { name: 'New Business', stages: [{ name: 'Qualification', kind: 'OPEN', probability: 10 }, { name: 'Proposal', kind: 'OPEN', probability: 50 }, { name: 'Won', kind: 'WON', probability: 100 }, { name: 'Lost', kind: 'LOST', probability: 0 }] },
    });
    const stage = Object.fromEntries(createPipeline.stages.map((s: { id: string; name: string }) => [s.name, s.id]));

    const account = async (who: Who, name: string) => (await as(who, `mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }`, { input: { name } })).createAccount.id as string;
    const deal = async (who: Who, name: string, accountId: string) =>
      (
        await as(who, `mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id } }`, {
          input: { name, accountId, amount: { amount: '50000.00', currency: 'EUR' }, expectedCloseDate: '2027-06-30', stageId: stage.Qualification },
        })
      ).createOpportunity.id as string;
    const log = async (who: Who, type: string, accountId: string) =>
      (
        await as(who, `mutation($input: CreateActivityInput!) { createActivity(input: $input) { id createdAt } }`, {
          input: { type, subject: `${type} by ${who}`, accountId, occurredAt: new Date().toISOString() },
        })
      ).createActivity;

    const acme = await account('ada', 'Acme');
    await account('ada', 'Globex');
    await as('ada', `mutation($id: ID!) { updateAccount(id: $id, input: { industry: "Manufacturing" }) { id } }`, { id: acme });
    await as('ada', `mutation($input: CreateContactInput!) { createContact(input: $input) { id } }`, { input: { accountId: acme, firstName: 'Carl', lastName: 'Buyer' } });
    const d1 = await deal('ada', 'D1', acme);
    const d2 = await deal('ada', 'D2', acme);
    await as('ada', `mutation($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { id } }`, { input: { opportunityId: d1, stageId: stage.Proposal } });
    await log('ada', 'CALL', acme);
    await log('ada', 'MEETING', acme);
    const note = await log('ada', 'NOTE', acme);
    await as('ada', `mutation($id: ID!) { updateActivity(id: $id, input: { body: "Budget approved" }) { id } }`, { id: note.id });

    const initech = await account('cleo', 'Initech');
    await deal('cleo', 'D3', initech);
    await as('cleo', `mutation($id: ID!) { updateOpportunity(id: $id, input: { name: "D2, bigger" }) { id } }`, { id: d2 });
    await log('cleo', 'CALL', initech);
    await log('cleo', 'CALL', initech);

    lastCall = (await log('ben', 'CALL', acme)).createdAt;
    await account('otto', 'Umbrella');
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('counts, for every sales person, exactly what they did in each subgraph, and flags only the one who barely uses the CRM', async () => {
    const result = await adoption('admin');
    expect(result.threshold).toBe(0.5);
    expect(result.rows.map((row: any) => [row.user.email, row.team.name])).toEqual([
      ['ada@crm.example', 'Adoption'],
      ['ben@crm.example', 'Adoption'],
      ['cleo@crm.example', 'Adoption'],
      ['otto@crm.example', 'Other'],
    ]);
    const rows = byEmail(result.rows);
    const figures = (row: any) => [
      row.accountsCreated, row.accountsUpdated, row.contactsCreated, row.contactsUpdated,
      row.opportunitiesCreated, row.opportunitiesUpdated, row.stageMoves, row.activitiesLogged, row.activitiesUpdated,
    ];
    expect(figures(rows.ada)).toEqual([2, 1, 1, 0, 2, 1, 1, 3, 1]);
    expect(figures(rows.cleo)).toEqual([1, 0, 0, 0, 1, 1, 0, 2, 0]);
    expect(figures(rows.ben)).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 0]);
    expect(figures(rows.otto)).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0]);
    const signal = (row: any) => [row.activitiesLogged, row.recordsCreated, row.recordsUpdated, row.usageScore, row.teamMedianUsage, row.needsTraining];
    expect(signal(rows.ada)).toEqual([3, 5, 3, 11, 5, false]);
    expect(signal(rows.cleo)).toEqual([2, 2, 1, 5, 5, false]);
    expect(signal(rows.ben)).toEqual([1, 0, 0, 1, 5, true]);
    expect(signal(rows.otto)).toEqual([0, 1, 0, 1, 1, false]);
    expect(Math.abs(Date.parse(rows.ben.lastActivityAt) - Date.parse(lastCall))).toBeLessThan(1_000);
    expect(rows.otto.lastActivityAt).toBeNull();
  });

  it('gives the same figures to ADMIN, MANAGER and ANALYST, narrowed to one team with teamId', async () => {
    const all = await adoption('admin');
    expect((await adoption('cleo')).rows).toEqual(all.rows);
    const narrowed = await adoption('analyst', team.adoption);
    expect(narrowed.team).toEqual({ name: 'Adoption' });
    expect(narrowed.rows).toEqual(all.rows.slice(0, 3));
  });

  it('shows a REP only their own row, with the signal computed against their whole team, and refuses another team', async () => {
    const { rows } = await adoption('ben');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ user: { email: 'ben@crm.example' }, usageScore: 1, teamMedianUsage: 5, needsTraining: true });
    expect((await adoption('ada', team.adoption)).rows.map((row: any) => [row.user.email, row.needsTraining])).toEqual([['ada@crm.example', false]]);
    const refused = await platform.as(tokens.ben).call(ADOPTION, { ...window, teamId: team.other });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a reversed or too long window with BAD_USER_INPUT naming `to`', async () => {
    for (const variables of [{ from: window.to, to: window.from }, { from: '2020-01-01T00:00:00Z', to: '2023-01-01T00:00:00Z' }]) {
      const response = await platform.as(tokens.admin).call(ADOPTION, variables);
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ field: 'to' }] });
    }
  });

  it('keeps the peers and their counts out of the public schema', async () => {
    const response = await platform.as(tokens.admin).call(`query($from: DateTimeISO!, $to: DateTimeISO!) { crmAdoption(from: $from, to: $to) { rows { peerIds } } }`, window);
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('asks each subgraph a fixed number of times and runs a fixed number of SQL queries, however many rows', async () => {
    const cost = async (teamId: string) => {
      const [requests, queries] = [await subgraphRequestsSoFar(platform.subgraphUrls), await sqlQueriesSoFar(platform.subgraphUrls)];
      await adoption('admin', teamId);
      return [(await subgraphRequestsSoFar(platform.subgraphUrls)) - requests, (await sqlQueriesSoFar(platform.subgraphUrls)) - queries];
    };
    const three = await cost(team.adoption);
    expect(three).toEqual(await cost(team.other));
    // accounts once, opportunities once, activities twice (its own counts, then the signal with everyone's counts).
    expect(three[0]).toBe(4);
  });

  it("answers the README's example within the gateway's operation limits", async () => {
    const { crmAdoption } = await as('admin', `query CrmAdoption {
      crmAdoption(from: "2026-08-01T00:00:00Z", to: "2026-11-01T00:00:00Z") {
        threshold
        rows { user { name } team { name } activitiesLogged recordsCreated recordsUpdated lastActivityAt usageScore teamMedianUsage needsTraining }
      }
    }`);
    expect(crmAdoption.rows).toHaveLength(4);
  });

  it('stops counting a record once it is deleted', async () => {
    const before = byEmail((await adoption('admin')).rows).otto;
    const { accounts } = await as('admin', `{ accounts(filter: { search: "Umbrella" }) { edges { node { id } } } }`);
    await as('admin', `mutation($id: ID!) { deleteAccount(id: $id) { id } }`, { id: accounts.edges[0].node.id });
    const after = byEmail((await adoption('admin')).rows).otto;
    expect([before.accountsCreated, after.accountsCreated, after.usageScore]).toEqual([1, 0, 0]);
  });
});
