import 'reflect-metadata';
import { dbQueriesTotal, UserRole } from '@crm/kernel';
import { type ServiceHandle } from '@crm/kernel/subgraph';
import { startServiceUnderTest, testToken, type ServiceUnderTest } from '@crm/testing';
import { loadConfig } from '../config';
import { start } from '../server';

/** `Account.hierarchyRoot`: the top of an account's group, batched in one recursive query. */
describe('Account.hierarchyRoot', () => {
  let service: ServiceUnderTest<ServiceHandle>;
  let admin: string;
  let rep: string;
  /** group ← subsidiary ← plant; group ← sister; holding ← middle (deleted) ← orphan; solo. */
  const id = {} as Record<'group' | 'subsidiary' | 'plant' | 'sister' | 'holding' | 'middle' | 'orphan' | 'solo', string>;
  const call = (token: string, query: string, variables?: Record<string, unknown>) => service.as(token).call(query, variables);
  const ok = (token: string, query: string, variables?: Record<string, unknown>) => service.as(token).ok(query, variables);

  beforeAll(async () => {
    service = await startServiceUnderTest({ loadConfig, start });
    const [owner] = await service.handle.db.query(`INSERT INTO accounts.users (email, first_name, last_name, role) VALUES ('admin@crm.example', 'Ada', 'Admin', 'ADMIN') RETURNING id`);
    admin = await testToken({ userId: owner.id });
    rep = await testToken({ role: UserRole.REP, userId: '00000000-0000-4000-8000-000000000077' });
    const create = async (name: string, parentId?: string) => {
      const data = await ok(admin, `mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }`, { input: { name, parentId } });
      return data.createAccount.id as string;
    };
    id.group = await create('Globex Group');
    id.subsidiary = await create('Globex Germany', id.group);
    id.plant = await create('Globex Plant Essen', id.subsidiary);
    id.sister = await create('Globex France', id.group);
    id.holding = await create('Holding');
    id.middle = await create('Middle', id.holding);
    id.orphan = await create('Orphan', id.middle);
    id.solo = await create('Solo');
    await call(admin, `mutation($id: ID!) { deleteAccount(id: $id) { id } }`, { id: id.middle });
  });

  afterAll(async () => {
    await service?.stop();
  });

  const roots = async (token: string, names: (keyof typeof id)[]) => {
    const data = await ok(token, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Account { id hierarchyRoot { id name } } } }`, {
      r: names.map((name) => ({ __typename: 'Account', id: id[name] })),
    });
    return data._entities.map((account: { hierarchyRoot: { id: string } }) => account.hierarchyRoot.id);
  };

  it('is the top-most ancestor, and the account itself when it has no parent', async () => {
    expect(await roots(admin, ['group', 'subsidiary', 'plant', 'sister', 'solo'])).toEqual([id.group, id.group, id.group, id.group, id.solo]);
  });

  it('stops below a deleted parent, as Account.parent does', async () => {
    expect(await roots(admin, ['orphan', 'holding'])).toEqual([id.orphan, id.holding]);
  });

  it('is the same for every reader, since everyone reads accounts', async () => {
    expect(await roots(rep, ['plant', 'sister'])).toEqual([id.group, id.group]);
  });

  it('walks the hierarchies of many accounts in the same number of queries as of one', async () => {
    const count = async (names: (keyof typeof id)[]) => {
      const before = (await dbQueriesTotal.get()).values[0].value;
      await roots(admin, names);
      return (await dbQueriesTotal.get()).values[0].value - before;
    };
    expect(await count(['plant'])).toBe(await count(['subsidiary', 'plant', 'sister']));
  });
});
