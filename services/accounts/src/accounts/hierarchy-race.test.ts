import 'reflect-metadata';
import { type ServiceHandle } from '@crm/kernel/subgraph';
import { startServiceUnderTest, testToken, type ServiceUnderTest } from '@crm/testing';
import { loadConfig } from '../config';
import { start } from '../server';

const ROUNDS = 20;
const SET_PARENT = `mutation($id: ID!, $parent: ID) { updateAccount(id: $id, input: { parentId: $parent }) { id parent { id } } }`;

/** Every account that is its own ancestor, following parent_id through deleted accounts too. */
const ACCOUNTS_IN_A_LOOP = `
  WITH RECURSIVE walk(start_id, id) AS (
    SELECT id, parent_id FROM accounts.accounts WHERE parent_id IS NOT NULL
    UNION
    SELECT walk.start_id, a.parent_id FROM walk JOIN accounts.accounts a ON a.id = walk.id WHERE a.parent_id IS NOT NULL
  )
  SELECT start_id AS id FROM walk WHERE id = start_id`;

/** Two `updateAccount`s that would close a loop between two accounts, sent at the same moment. */
describe('account hierarchy under concurrent parent changes', () => {
  let service: ServiceUnderTest<ServiceHandle>;
  let admin: string;
  const call = (query: string, variables?: Record<string, unknown>) => service.as(admin).call(query, variables);
  const ok = (query: string, variables?: Record<string, unknown>) => service.as(admin).ok(query, variables);
  const create = async (name: string) => {
    const data = await ok(`mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }`, { input: { name } });
    return data.createAccount.id as string;
  };

  beforeAll(async () => {
    service = await startServiceUnderTest({
      loadConfig,
      start,
      env: { OPPORTUNITIES_URL: 'http://127.0.0.1:9/graphql', ACTIVITIES_URL: 'http://127.0.0.1:9/graphql' },
    });
    const [owner] = await service.handle.db.query(`INSERT INTO accounts.users (email, first_name, last_name, role) VALUES ('admin@crm.example', 'Ada', 'Admin', 'ADMIN') RETURNING id`);
    admin = await testToken({ userId: owner.id });
  });

  afterAll(async () => {
    await service?.stop();
  });

  it(`lets exactly one of two opposite parent changes through, ${ROUNDS} times over, and never stores a loop`, async () => {
    for (let round = 1; round <= ROUNDS; round += 1) {
      const a = await create(`Race ${round} A`);
      const b = await create(`Race ${round} B`);
      const [underB, underA] = await Promise.all([call(SET_PARENT, { id: a, parent: b }), call(SET_PARENT, { id: b, parent: a })]);
      const outcomes = [underB, underA].map((response) => response.errors?.[0]?.extensions?.code ?? 'OK');
      expect([round, outcomes.filter((outcome) => outcome === 'OK').length]).toEqual([round, 1]);
      const [winner, loser, loserResponse, parent] = underB.errors ? [b, a, underB, a] : [a, b, underA, b];
      const refusal = loserResponse.errors![0]!;
      expect([round, refusal.extensions?.code]).toEqual([round, expect.stringMatching(/^(BAD_USER_INPUT|CONFLICT)$/)]);
      if (refusal.extensions?.code === 'BAD_USER_INPUT') expect(refusal.message).toContain('input.parentId');
      // The loser changed nothing: no parent, first version, no audit entry beyond its creation.
      const [stored] = await service.handle.db.query(
        `SELECT parent_id, version, (SELECT count(*)::int FROM accounts.audit_log WHERE entity_id = $1 AND action = 'UPDATE') AS updates FROM accounts.accounts WHERE id = $1`,
        [loser],
      );
      expect([round, stored]).toEqual([round, { parent_id: null, version: 1, updates: 0 }]);
      // Both belong to the winner's new parent's group.
      const { data } = await call(`query($ids: [_Any!]!) { _entities(representations: $ids) { ... on Account { id hierarchyRoot { id } } } }`, {
        ids: [winner, loser].map((id) => ({ __typename: 'Account', id })),
      });
      expect([round, data._entities.map((account: { hierarchyRoot: { id: string } }) => account.hierarchyRoot.id)]).toEqual([round, [parent, parent]]);
    }
    expect(await service.handle.db.query(ACCOUNTS_IN_A_LOOP)).toEqual([]);
  });
});
