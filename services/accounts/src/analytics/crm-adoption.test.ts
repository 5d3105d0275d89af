import 'reflect-metadata';
import { dbQueriesTotal, UserRole } from '@crm/kernel';
import { type ServiceHandle } from '@crm/kernel/subgraph';
import { startServiceUnderTest, testToken, type ServiceUnderTest } from '@crm/testing';
import { loadConfig } from '../config';
import { start } from '../server';

type Who = 'ann' | 'ben' | 'mia' | 'rob' | 'lou' | 'admin' | 'analyst' | 'gone';

const ROWS = `query($from: DateTimeISO!, $to: DateTimeISO!, $teamId: ID) {
  crmAdoption(from: $from, to: $to, teamId: $teamId) {
    from to threshold team { name }
    rows { userId user { email } team { name } accountsCreated accountsUpdated contactsCreated contactsUpdated peerIds peerAccountUsage }
  } }`;

/**
 * The accounts part of `crmAdoption` on a hand-built fixture, written through the API as each person
 * (so the audit log names them), real PostgreSQL. Team Alpha: Ann and Ben (REPs), Mia (MANAGER), and
 * Gone (a REP who left, inactive); team Beta: Rob (REP); Lou (REP) has no team; Ada (ADMIN) and
 * Ana (ANALYST) are not sales people. In the window [start − 1 h, now + 1 h):
 *   Ann:  creates accounts A1, A2 and contact C1 on A1; changes A1 twice (1 account updated); changes C1 (1 contact)
 *   Ben:  creates account B1; creates B2, whose creation is moved 2 days before the window (not counted)
 *   Mia:  creates M1 and deletes it (deleted records never count); changes Ann's A2 (a manager writes the team's)
 *   Rob:  nothing
 *   Lou:  creates account L1
 *   Gone: creates G1 (an inactive user is not a row, but their records are nobody else's either)
 * So: Ann 2/1/1/1 (usage 5), Ben 1/0/0/0 (1), Mia 0/1/0/0 (1), Rob 0 (0), Lou 1/0/0/0 (1).
 */
describe('crmAdoption in the accounts subgraph: sales people and their accounts and contacts', () => {
  let service: ServiceUnderTest<ServiceHandle>;
  const ids = {} as Record<Who, string>;
  const tokens = {} as Record<Who, string>;
  const team = {} as Record<'alpha' | 'beta', string>;
  const start0 = Date.now();
  const window = { from: new Date(start0 - 3_600_000).toISOString(), to: new Date(start0 + 3_600_000).toISOString() };

  const ok = (who: Who, query: string, variables?: Record<string, unknown>) => service.as(tokens[who]).ok(query, variables);
  const createAccount = async (who: Who, name: string) =>
    (await ok(who, `mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }`, { input: { name } })).createAccount.id as string;
  const updateAccount = (who: Who, id: string, industry: string) =>
    ok(who, `mutation($id: ID!, $input: UpdateAccountInput!) { updateAccount(id: $id, input: $input) { id } }`, { id, input: { industry } });
  const adoption = async (who: Who, teamId?: string) => (await ok(who, ROWS, { ...window, teamId })).crmAdoption;
  // The code and field of the first error, [undefined, undefined] for none: some windows must pass.
  const failure = async (who: Who, variables: Record<string, unknown>) => {
    const response = await service.as(tokens[who]).call(ROWS, variables);
    return [response.errors?.[0]?.extensions?.code, response.errors?.[0]?.extensions?.problems?.[0]?.field];
  };

  beforeAll(async () => {
    service = await startServiceUnderTest({ loadConfig, start });
    for (const name of ['alpha', 'beta'] as const) {
      [{ id: team[name] }] = await service.handle.db.query(`INSERT INTO accounts.teams (name) VALUES ($1) RETURNING id`, [name === 'alpha' ? 'Alpha' : 'Beta']);
    }
    const people: [Who, string, string, UserRole, string | null, boolean][] = [
      ['ann', 'Ann', 'Archer', UserRole.REP, team.alpha, true],
      ['ben', 'Ben', 'Baker', UserRole.REP, team.alpha, true],
      ['mia', 'Mia', 'Miller', UserRole.MANAGER, team.alpha, true],
      ['gone', 'Gil', 'Gone', UserRole.REP, team.alpha, false],
      ['rob', 'Rob', 'Ross', UserRole.REP, team.beta, true],
      ['lou', 'Lou', 'Loner', UserRole.REP, null, true],
      ['admin', 'Ada', 'Admin', UserRole.ADMIN, null, true],
      ['analyst', 'Ana', 'Analyst', UserRole.ANALYST, null, true],
    ];
    for (const [who, first, last, role, teamId, active] of people) {
      [{ id: ids[who] }] = await service.handle.db.query(
        `INSERT INTO accounts.users (email, first_name, last_name, role, team_id, active) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [`${who}@crm.example`, first, last, role, teamId, active],
      );
      tokens[who] = await testToken({ userId: ids[who], email: `${who}@crm.example`, role, teamId });
    }
    const a1 = await createAccount('ann', 'A1');
    const a2 = await createAccount('ann', 'A2');
    const { createContact } = await ok('ann', `mutation { createContact(input: { accountId: "${a1}", firstName: "Carl", lastName: "Contact" }) { id } }`);
    await updateAccount('ann', a1, 'Software');
    await updateAccount('ann', a1, 'Hardware');
    await ok('ann', `mutation { updateContact(id: "${createContact.id}", input: { jobTitle: "CFO" }) { id } }`);
    await createAccount('ben', 'B1');
    const b2 = await createAccount('ben', 'B2');
    await service.handle.db.query(`UPDATE accounts.audit_log SET changed_at = $2 WHERE entity_id = $1`, [b2, new Date(start0 - 2 * 86_400_000)]);
    const m1 = await createAccount('mia', 'M1');
    await ok('mia', `mutation { deleteAccount(id: "${m1}") { id } }`);
    await updateAccount('mia', a2, 'Retail');
    await createAccount('lou', 'L1');
    await createAccount('gone', 'G1');
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('lists the active REPs and MANAGERs by team name, then name, each with the peers they are compared with', async () => {
    const result = await adoption('admin');
    expect(result).toMatchObject({ from: window.from, to: window.to, threshold: 0.5, team: null });
    const alpha = [ids.ann, ids.ben, ids.mia].sort();
    const everyone = [ids.ann, ids.ben, ids.mia, ids.rob, ids.lou].sort();
    expect(result.rows.map((row: any) => [row.user.email, row.team?.name ?? null, row.peerIds])).toEqual([
      ['ann@crm.example', 'Alpha', alpha],
      ['ben@crm.example', 'Alpha', alpha],
      ['mia@crm.example', 'Alpha', alpha],
      ['rob@crm.example', 'Beta', [ids.rob]],
      ['lou@crm.example', null, everyone],
    ]);
  });

  it('counts the live accounts and contacts each person created and changed in the window, from the audit log', async () => {
    const { rows } = await adoption('admin');
    const counts = Object.fromEntries(
      rows.map((row: any) => [row.user.email.split('@')[0], [row.accountsCreated, row.accountsUpdated, row.contactsCreated, row.contactsUpdated]]),
    );
    expect(counts).toEqual({ ann: [2, 1, 1, 1], ben: [1, 0, 0, 0], mia: [0, 1, 0, 0], rob: [0, 0, 0, 0], lou: [1, 0, 0, 0] });
  });

  it("gives each row its peers' accounts usage (created + changed) in peerIds order", async () => {
    const { rows } = await adoption('admin');
    const usage: Record<string, number> = { [ids.ann]: 5, [ids.ben]: 1, [ids.mia]: 1, [ids.rob]: 0, [ids.lou]: 1 };
    for (const row of rows) expect(row.peerAccountUsage).toEqual(row.peerIds.map((id: string) => usage[id]));
  });

  it('narrows the rows to one team with teamId, the peers staying the whole team', async () => {
    const result = await adoption('admin', team.beta);
    expect(result.team).toEqual({ name: 'Beta' });
    expect(result.rows.map((row: any) => row.userId)).toEqual([ids.rob]);
  });

  it('shows ADMIN, MANAGER and ANALYST everyone, a REP only their own row, and refuses a REP another team (FORBIDDEN)', async () => {
    for (const who of ['admin', 'mia', 'analyst'] as const) expect((await adoption(who)).rows).toHaveLength(5);
    expect((await adoption('ann')).rows.map((row: any) => [row.userId, row.accountsCreated])).toEqual([[ids.ann, 2]]);
    expect((await adoption('ann', team.alpha)).rows.map((row: any) => row.userId)).toEqual([ids.ann]);
    expect((await adoption('lou')).rows.map((row: any) => row.userId)).toEqual([ids.lou]);
    expect(await failure('ann', { ...window, teamId: team.beta })).toEqual(['FORBIDDEN', undefined]);
  });

  it('refuses a window that is empty, reversed or longer than 2 years, and an unknown team, with BAD_USER_INPUT naming the argument', async () => {
    expect(await failure('admin', { from: window.to, to: window.from })).toEqual(['BAD_USER_INPUT', 'to']);
    expect(await failure('admin', { from: window.from, to: window.from })).toEqual(['BAD_USER_INPUT', 'to']);
    expect(await failure('admin', { from: '2024-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' })).toEqual([undefined, undefined]);
    expect(await failure('admin', { from: '2024-01-01T00:00:00Z', to: '2026-01-01T00:00:00.001Z' })).toEqual(['BAD_USER_INPUT', 'to']);
    expect(await failure('admin', { ...window, teamId: '00000000-0000-4000-8000-000000000000' })).toEqual(['BAD_USER_INPUT', 'teamId']);
    expect(await failure('admin', { ...window, teamId: 'not-a-uuid' })).toEqual(['BAD_USER_INPUT', 'teamId']);
  });

  it('resolves AdoptionRow references for the gateway in constant queries, null for non sales people and, for a REP, for anyone else', async () => {
    const reference = (who: Who) => ({ __typename: 'AdoptionRow', userId: ids[who], ...window });
    const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on AdoptionRow { userId team { name } accountsCreated peerAccountUsage } } }`;
    const queriesFor = async (people: Who[]) => {
      const before = (await dbQueriesTotal.get()).values[0].value;
      const { _entities } = await ok('admin', ENTITIES, { reps: people.map(reference) });
      expect(_entities).toHaveLength(people.length);
      return (await dbQueriesTotal.get()).values[0].value - before;
    };
    expect(await queriesFor(['ann', 'ben', 'mia', 'rob', 'lou'])).toBe(await queriesFor(['ann']));
    const { _entities } = await ok('admin', ENTITIES, { reps: [reference('ann'), reference('admin'), reference('gone'), reference('rob')] });
    expect(_entities).toEqual([
      { userId: ids.ann, team: { name: 'Alpha' }, accountsCreated: 2, peerAccountUsage: [ids.ann, ids.ben, ids.mia].sort().map((id) => (id === ids.ann ? 5 : 1)) },
      null,
      null,
      { userId: ids.rob, team: { name: 'Beta' }, accountsCreated: 0, peerAccountUsage: [0] },
    ]);
    const asRep = await ok('ann', ENTITIES, { reps: [reference('ann'), reference('ben')] });
    expect(asRep._entities.map((row: any) => row?.userId ?? null)).toEqual([ids.ann, null]);
  });
});
