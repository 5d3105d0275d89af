import 'reflect-metadata';
import { UserRole } from '@crm/kernel';
import { type ServiceHandle } from '@crm/kernel/subgraph';
import { startServiceUnderTest, testToken, type GraphQLResponse, type ServiceUnderTest } from '@crm/testing';
import { loadConfig } from './config';
import { start } from './server';

type Person = 'admin' | 'manager' | 'rep' | 'teammate' | 'westRep' | 'analyst';

const PEOPLE: [Person, UserRole, 'east' | 'west' | null][] = [
  ['admin', UserRole.ADMIN, null],
  ['manager', UserRole.MANAGER, 'east'],
  ['rep', UserRole.REP, 'east'],
  ['teammate', UserRole.REP, 'east'],
  ['westRep', UserRole.REP, 'west'],
  ['analyst', UserRole.ANALYST, 'east'],
];

const CREATE_ACCOUNT = `mutation($input: CreateAccountInput!) { createAccount(input: $input) { id name owner { id } } }`;
const UPDATE_ACCOUNT = `mutation($id: ID!, $input: UpdateAccountInput!) { updateAccount(id: $id, input: $input) { id name version owner { id } } }`;
const DELETE_ACCOUNT = `mutation($id: ID!, $v: Int) { deleteAccount(id: $id, expectedVersion: $v) { id deletedAt } }`;
const RESTORE_ACCOUNT = `mutation($id: ID!) { restoreAccount(id: $id) { id deletedAt } }`;
const CREATE_CONTACT = `mutation($input: CreateContactInput!) { createContact(input: $input) { id } }`;
const UPDATE_CONTACT = `mutation($id: ID!, $input: UpdateContactInput!) { updateContact(id: $id, input: $input) { id jobTitle accountId } }`;
const DELETE_CONTACT = `mutation($id: ID!) { deleteContact(id: $id) { id deletedAt } }`;
const RESTORE_CONTACT = `mutation($id: ID!) { restoreContact(id: $id) { id deletedAt } }`;
const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Account { id name } ... on Contact { id email phone } } }`;

const codeOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.code;

describe('who may read and write what in the accounts subgraph', () => {
  let service: ServiceUnderTest<ServiceHandle>;
  const ids = {} as Record<Person, string>;
  const tokens = {} as Record<Person, string>;

  const as = (person: Person, query: string, variables?: Record<string, unknown>) => service.as(tokens[person]).call(query, variables);
  const count = async (table: string, where = 'true', params: unknown[] = []): Promise<number> =>
    (await service.handle.db.query(`SELECT count(*)::int AS n FROM accounts.${table} WHERE ${where}`, params))[0].n;

  /** Creates an account as ADMIN for `owner`, with one contact, and returns both ids. */
  async function accountOf(owner: Person, name: string): Promise<{ account: string; contact: string }> {
    const created = await as('admin', CREATE_ACCOUNT, { input: { name, ownerId: ids[owner] } });
    expect(created.errors).toBeUndefined();
    const account = created.data.createAccount.id;
    const contact = await as('admin', CREATE_CONTACT, { input: { accountId: account, firstName: 'Pat', lastName: name, email: `pat@${name.toLowerCase().replace(/[^a-z]/g, '')}.example`, phone: '+49 30 1234' } });
    expect(contact.errors).toBeUndefined();
    return { account, contact: contact.data.createContact.id };
  }

  beforeAll(async () => {
    service = await startServiceUnderTest({ loadConfig, start });
    const teams: Record<string, string> = {};
    for (const name of ['east', 'west']) teams[name] = (await service.handle.db.query(`INSERT INTO accounts.teams (name) VALUES ($1) RETURNING id`, [name]))[0].id;
    for (const [person, role, team] of PEOPLE) {
      const teamId = team ? teams[team] : null;
      const [user] = await service.handle.db.query(
        `INSERT INTO accounts.users (email, first_name, last_name, role, team_id) VALUES ($1, 'Test', $2, $3, $4) RETURNING id`,
        [`${person.toLowerCase()}@crm.example`, person, role, teamId],
      );
      ids[person] = user.id;
      tokens[person] = await testToken({ userId: user.id, role, teamId, email: `${person.toLowerCase()}@crm.example` });
    }
  });

  afterAll(async () => {
    await service?.stop();
  });

  describe('reads', () => {
    it('lets every role read every account and contact in lists, counts, lookups and _entities', async () => {
      const east = await accountOf('rep', 'Readable East');
      const west = await accountOf('westRep', 'Readable West');
      const total = await count('accounts');
      for (const person of ['admin', 'manager', 'rep', 'westRep', 'analyst'] as const) {
        const list = await as(person, `{ accounts(first: 100) { totalCount edges { node { id } } } contacts { totalCount } }`);
        expect(list.errors).toBeUndefined();
        expect(list.data.accounts.totalCount).toBe(total);
        expect(list.data.accounts.edges.map((e: any) => e.node.id)).toEqual(expect.arrayContaining([east.account, west.account]));
        expect(list.data.contacts.totalCount).toBe(await count('contacts'));
        const lookup = await as(person, `query($a: ID!, $c: ID!) { account(id: $a) { name } contact(id: $c) { account { name } } }`, { a: west.account, c: west.contact });
        expect(lookup.data).toEqual({ account: { name: 'Readable West' }, contact: { account: { name: 'Readable West' } } });
        const entities = await as(person, ENTITIES, { reps: [{ __typename: 'Account', id: east.account }, { __typename: 'Contact', id: west.contact }] });
        expect(entities.data._entities.map((e: any) => e.id)).toEqual([east.account, west.contact]);
      }
    });

    it('hides contact e-mail and phone from ANALYST everywhere a contact is read, and only from ANALYST', async () => {
      const { account, contact } = await accountOf('rep', 'Private');
      const query = `query($a: ID!, $c: ID!) {
        contact(id: $c) { email phone }
        contacts(filter: { accountId: $a }) { edges { node { email phone } } }
        account(id: $a) { contacts { edges { node { email phone } } } }
      }`;
      const hidden = await as('analyst', query, { a: account, c: contact });
      expect(hidden.errors).toBeUndefined();
      const none = { email: null, phone: null };
      expect(hidden.data).toEqual({ contact: none, contacts: { edges: [{ node: none }] }, account: { contacts: { edges: [{ node: none }] } } });
      const entities = await as('analyst', ENTITIES, { reps: [{ __typename: 'Contact', id: contact }] });
      expect(entities.data._entities).toEqual([{ id: contact, ...none }]);
      for (const person of ['admin', 'manager', 'westRep'] as const) {
        const shown = await as(person, query, { a: account, c: contact });
        expect(shown.data.contact).toEqual({ email: 'pat@private.example', phone: '+49 30 1234' });
      }
    });

    it('refuses ANALYST a contact filter by e-mail with FORBIDDEN, and leaves e-mail out of their search', async () => {
      await accountOf('rep', 'Searchable');
      const byEmail = `{ contacts(filter: { email: "pat@searchable.example" }) { totalCount } }`;
      expect((await as('rep', byEmail)).data.contacts.totalCount).toBe(1);
      const refused = await as('analyst', byEmail);
      expect(codeOf(refused)).toBe('FORBIDDEN');
      expect(refused.errors?.[0].message).toContain('filter.email');
      const nested = await as('analyst', `{ accounts(first: 1) { edges { node { contacts(filter: { email: "pat@searchable.example" }) { totalCount } } } } }`);
      expect(codeOf(nested)).toBe('FORBIDDEN');
      // "searchable.example" only occurs in the e-mail address; "Searchable" also in the name.
      const search = (text: string) => `{ contacts(filter: { search: "${text}" }) { totalCount } }`;
      expect((await as('rep', search('searchable.example'))).data.contacts.totalCount).toBe(1);
      expect((await as('analyst', search('searchable.example'))).data.contacts.totalCount).toBe(0);
      expect((await as('analyst', search('Searchable'))).data.contacts.totalCount).toBe(1);
    });
  });

  describe('account writes', () => {
    it('refuses createAccount to ANALYST with FORBIDDEN and writes nothing', async () => {
      const before = await count('accounts');
      const response = await as('analyst', CREATE_ACCOUNT, { input: { name: 'Analysed Inc' } });
      expect(codeOf(response)).toBe('FORBIDDEN');
      expect(await count('accounts')).toBe(before);
    });

    it('lets a REP create accounts for themselves only, naming input.ownerId when refused', async () => {
      const own = await as('rep', CREATE_ACCOUNT, { input: { name: 'Rep Own' } });
      expect(own.data.createAccount.owner.id).toBe(ids.rep);
      const explicit = await as('rep', CREATE_ACCOUNT, { input: { name: 'Rep Explicit', ownerId: ids.rep } });
      expect(explicit.errors).toBeUndefined();
      const before = await count('accounts');
      const other = await as('rep', CREATE_ACCOUNT, { input: { name: 'Rep For Teammate', ownerId: ids.teammate } });
      expect(codeOf(other)).toBe('FORBIDDEN');
      expect(other.errors?.[0].message).toContain('input.ownerId');
      expect(await count('accounts')).toBe(before);
    });

    it('lets a MANAGER create accounts for their team but not for another team', async () => {
      const forTeam = await as('manager', CREATE_ACCOUNT, { input: { name: 'Manager For Team', ownerId: ids.teammate } });
      expect(forTeam.data.createAccount.owner.id).toBe(ids.teammate);
      const before = await count('accounts');
      const forWest = await as('manager', CREATE_ACCOUNT, { input: { name: 'Manager For West', ownerId: ids.westRep } });
      expect(codeOf(forWest)).toBe('FORBIDDEN');
      expect(await count('accounts')).toBe(before);
      expect(await count('audit_log', `changes::text LIKE '%Manager For West%'`)).toBe(0);
      const admin = await as('admin', CREATE_ACCOUNT, { input: { name: 'Admin For West', ownerId: ids.westRep } });
      expect(admin.errors).toBeUndefined();
    });

    it('lets the owner, their MANAGER and ADMIN change an account; others get FORBIDDEN, unknown ids NOT_FOUND', async () => {
      const { account } = await accountOf('rep', 'Changeable');
      const rename = (person: Person, name: string, id = account) => as(person, UPDATE_ACCOUNT, { id, input: { name } });
      expect((await rename('rep', 'Changeable 1')).data.updateAccount.name).toBe('Changeable 1');
      expect((await rename('manager', 'Changeable 2')).data.updateAccount.name).toBe('Changeable 2');
      expect((await rename('admin', 'Changeable 3')).data.updateAccount.name).toBe('Changeable 3');
      for (const person of ['teammate', 'westRep', 'analyst'] as const) expect(codeOf(await rename(person, 'Taken'))).toBe('FORBIDDEN');
      const { account: west } = await accountOf('westRep', 'Far West');
      expect(codeOf(await rename('manager', 'Taken', west))).toBe('FORBIDDEN');
      expect(codeOf(await rename('rep', 'Nobody', '00000000-0000-4000-8000-00000000dead'))).toBe('NOT_FOUND');
      const [row] = await service.handle.db.query(`SELECT name, version FROM accounts.accounts WHERE id = $1`, [account]);
      expect(row).toEqual({ name: 'Changeable 3', version: 4 });
    });

    it('refuses owner changes a REP may not make and moves a MANAGER may not follow', async () => {
      const { account } = await accountOf('rep', 'Handover');
      const handOver = (person: Person, to: Person) => as(person, UPDATE_ACCOUNT, { id: account, input: { ownerId: ids[to] } });
      const byRep = await handOver('rep', 'teammate');
      expect(codeOf(byRep)).toBe('FORBIDDEN');
      expect(byRep.errors?.[0].message).toContain('input.ownerId');
      // A MANAGER reassigns within the team, but may not give the account to a team they cannot write.
      expect((await handOver('manager', 'teammate')).data.updateAccount.owner.id).toBe(ids.teammate);
      expect(codeOf(await handOver('manager', 'westRep'))).toBe('FORBIDDEN');
      expect((await handOver('admin', 'westRep')).data.updateAccount.owner.id).toBe(ids.westRep);
      const [row] = await service.handle.db.query(`SELECT owner_id FROM accounts.accounts WHERE id = $1`, [account]);
      expect(row.owner_id).toBe(ids.westRep);
    });
  });

  describe('contact writes follow the account owner', () => {
    it('lets whoever may write the account create, change and delete its contacts; others get FORBIDDEN', async () => {
      const { account, contact } = await accountOf('rep', 'Contacts Inc');
      const add = (person: Person) => as(person, CREATE_CONTACT, { input: { accountId: account, firstName: 'New', lastName: person } });
      const before = await count('contacts');
      for (const person of ['teammate', 'westRep', 'analyst'] as const) expect(codeOf(await add(person))).toBe('FORBIDDEN');
      expect(await count('contacts')).toBe(before);
      for (const person of ['rep', 'manager', 'admin'] as const) expect((await add(person)).errors).toBeUndefined();

      const retitle = (person: Person, jobTitle: string) => as(person, UPDATE_CONTACT, { id: contact, input: { jobTitle } });
      for (const person of ['teammate', 'westRep', 'analyst'] as const) expect(codeOf(await retitle(person, 'Taken'))).toBe('FORBIDDEN');
      expect((await retitle('rep', 'Buyer')).data.updateContact.jobTitle).toBe('Buyer');
      expect((await retitle('manager', 'Head Buyer')).data.updateContact.jobTitle).toBe('Head Buyer');
      expect(codeOf(await as('westRep', DELETE_CONTACT, { id: contact }))).toBe('FORBIDDEN');
      expect(codeOf(await as('analyst', DELETE_CONTACT, { id: contact }))).toBe('FORBIDDEN');
    });

    it('refuses moving a contact to an account the caller may not write, and keeps it where it was', async () => {
      const { account, contact } = await accountOf('rep', 'Move From');
      const { account: teammates } = await accountOf('teammate', 'Move To');
      const moved = await as('rep', UPDATE_CONTACT, { id: contact, input: { accountId: teammates } });
      expect(codeOf(moved)).toBe('FORBIDDEN');
      const [row] = await service.handle.db.query(`SELECT account_id, version FROM accounts.contacts WHERE id = $1`, [contact]);
      expect(row).toEqual({ account_id: account, version: 1 });
      expect((await as('manager', UPDATE_CONTACT, { id: contact, input: { accountId: teammates } })).data.updateContact.accountId).toBe(teammates);
    });
  });

  describe('delete and restore', () => {
    it('makes a deleted account vanish from lists, counts, lookups, _entities and nested fields until a MANAGER restores it', async () => {
      const { account, contact } = await accountOf('rep', 'Doomed');
      const child = (await as('admin', CREATE_ACCOUNT, { input: { name: 'Doomed Child', parentId: account, ownerId: ids.rep } })).data.createAccount.id;
      const visible = async (person: Person) => {
        const response = await as(
          person,
          `query($a: ID!, $c: ID!, $child: ID!, $reps: [_Any!]!) {
            accounts(filter: { search: "doomed" }) { totalCount edges { node { id } } }
            account(id: $a) { id }
            contact(id: $c) { account { id } }
            child: account(id: $child) { parent { id } }
            _entities(representations: $reps) { ... on Account { id } }
          }`,
          { a: account, c: contact, child, reps: [{ __typename: 'Account', id: account }] },
        );
        expect(response.errors).toBeUndefined();
        return response.data;
      };
      expect((await visible('analyst')).accounts.totalCount).toBe(2);

      expect(codeOf(await as('westRep', DELETE_ACCOUNT, { id: account }))).toBe('FORBIDDEN');
      expect(codeOf(await as('analyst', DELETE_ACCOUNT, { id: account }))).toBe('FORBIDDEN');
      expect(codeOf(await as('rep', DELETE_ACCOUNT, { id: account, v: 7 }))).toBe('CONFLICT');
      const deleted = await as('rep', DELETE_ACCOUNT, { id: account, v: 1 });
      expect(deleted.data.deleteAccount.deletedAt).toEqual(expect.any(String));

      for (const person of ['rep', 'analyst', 'admin'] as const) {
        expect(await visible(person)).toEqual({
          accounts: { totalCount: 1, edges: [{ node: { id: child } }] },
          account: null,
          contact: { account: null },
          child: { parent: null },
          _entities: [null],
        });
      }
      // Deleted is not writable: NOT_FOUND, as if it did not exist.
      expect(codeOf(await as('rep', UPDATE_ACCOUNT, { id: account, input: { name: 'Zombie' } }))).toBe('NOT_FOUND');
      expect(codeOf(await as('rep', DELETE_ACCOUNT, { id: account }))).toBe('NOT_FOUND');
      expect(codeOf(await as('rep', CREATE_CONTACT, { input: { accountId: account, firstName: 'Late', lastName: 'Comer' } }))).toBe('BAD_USER_INPUT');

      const deletedList = `{ accounts(filter: { deleted: true, search: "doomed" }) { totalCount edges { node { id deletedAt } } } }`;
      for (const person of ['rep', 'analyst'] as const) expect(codeOf(await as(person, deletedList))).toBe('FORBIDDEN');
      const listed = await as('manager', deletedList);
      expect(listed.data.accounts).toEqual({ totalCount: 1, edges: [{ node: { id: account, deletedAt: expect.any(String) } }] });

      expect(codeOf(await as('rep', RESTORE_ACCOUNT, { id: account }))).toBe('FORBIDDEN');
      expect(codeOf(await as('analyst', RESTORE_ACCOUNT, { id: account }))).toBe('FORBIDDEN');
      const westManager = await testToken({ userId: ids.manager, role: UserRole.MANAGER, teamId: (await service.handle.db.query(`SELECT id FROM accounts.teams WHERE name = 'west'`))[0].id });
      expect(codeOf(await service.as(westManager).call(RESTORE_ACCOUNT, { id: account }))).toBe('FORBIDDEN');
      const restored = await as('manager', RESTORE_ACCOUNT, { id: account });
      expect(restored.data.restoreAccount).toEqual({ id: account, deletedAt: null });
      expect(codeOf(await as('manager', RESTORE_ACCOUNT, { id: account }))).toBe('NOT_FOUND');
      expect(await visible('rep')).toEqual({
        accounts: { totalCount: 2, edges: expect.arrayContaining([{ node: { id: account } }, { node: { id: child } }]) },
        account: { id: account },
        contact: { account: { id: account } },
        child: { parent: { id: account } },
        _entities: [{ id: account }],
      });
    });

    it('makes a deleted contact vanish from its account\'s contacts and counts, and lists it under deleted: true for a MANAGER', async () => {
      const { account, contact } = await accountOf('rep', 'Shrinking');
      const nested = (person: Person, deleted?: boolean) =>
        as(person, `query($a: ID!, $d: Boolean) { account(id: $a) { contacts(filter: { deleted: $d }) { totalCount edges { node { id } } } } }`, { a: account, d: deleted });
      expect((await nested('rep')).data.account.contacts.totalCount).toBe(1);
      expect((await as('rep', DELETE_CONTACT, { id: contact })).data.deleteContact.deletedAt).toEqual(expect.any(String));
      expect((await nested('rep')).data.account.contacts).toEqual({ totalCount: 0, edges: [] });
      expect((await as('rep', `query($c: ID!) { contact(id: $c) { id } }`, { c: contact })).data.contact).toBeNull();
      expect((await as('rep', ENTITIES, { reps: [{ __typename: 'Contact', id: contact }] })).data._entities).toEqual([null]);
      expect(codeOf(await nested('rep', true))).toBe('FORBIDDEN');
      expect((await nested('manager', true)).data.account.contacts).toEqual({ totalCount: 1, edges: [{ node: { id: contact } }] });
      expect(codeOf(await as('rep', RESTORE_CONTACT, { id: contact }))).toBe('FORBIDDEN');
      expect((await as('manager', RESTORE_CONTACT, { id: contact })).data.restoreContact.deletedAt).toBeNull();
      expect((await nested('rep')).data.account.contacts.totalCount).toBe(1);
    });
  });

  describe('audit trail', () => {
    it('shows who changed which field from what to what, newest first, to ADMIN and MANAGER only', async () => {
      const created = await as('rep', CREATE_ACCOUNT, { input: { name: 'Audited', tier: 'KEY', annualRevenue: { amount: '1000.00', currency: 'EUR' } } });
      const account = created.data.createAccount.id;
      await as('manager', UPDATE_ACCOUNT, { id: account, input: { name: 'Audited GmbH', tier: 'STRATEGIC' } });
      await as('admin', UPDATE_ACCOUNT, { id: account, input: { ownerId: ids.teammate } });
      await as('manager', DELETE_ACCOUNT, { id: account });
      await as('admin', RESTORE_ACCOUNT, { id: account });
      const trail = `query($a: ID!) { account(id: $a) { auditTrail(first: 10) { totalCount edges { node { action changedBy { email } changes { field from to } } } } } }`;
      const response = await as('manager', trail, { a: account });
      expect(response.errors).toBeUndefined();
      const entries = response.data.account.auditTrail.edges.map((e: any) => e.node);
      expect(response.data.account.auditTrail.totalCount).toBe(5);
      expect(entries.map((e: any) => [e.action, e.changedBy.email])).toEqual([
        ['RESTORE', 'admin@crm.example'],
        ['DELETE', 'manager@crm.example'],
        ['UPDATE', 'admin@crm.example'],
        ['UPDATE', 'manager@crm.example'],
        ['CREATE', 'rep@crm.example'],
      ]);
      expect(entries[2].changes).toEqual([{ field: 'ownerId', from: ids.rep, to: ids.teammate }]);
      expect(entries[3].changes).toEqual([
        { field: 'name', from: 'Audited', to: 'Audited GmbH' },
        { field: 'tier', from: 'KEY', to: 'STRATEGIC' },
      ]);
      expect(entries[4].changes).toEqual(
        expect.arrayContaining([
          { field: 'name', from: null, to: 'Audited' },
          { field: 'annualRevenue', from: null, to: JSON.stringify({ amount: '1000.00', currency: 'EUR' }) },
          { field: 'ownerId', from: null, to: ids.rep },
        ]),
      );
      expect(entries[1].changes).toEqual([{ field: 'deletedAt', from: null, to: expect.any(String) }]);
      expect((await as('admin', trail, { a: account })).data.account.auditTrail.totalCount).toBe(5);
      for (const person of ['rep', 'analyst'] as const) expect(codeOf(await as(person, trail, { a: account }))).toBe('FORBIDDEN');
    });

    it('keeps the trail of a deleted contact reachable through the deleted list', async () => {
      const { contact } = await accountOf('rep', 'Trail');
      await as('rep', UPDATE_CONTACT, { id: contact, input: { jobTitle: 'CFO' } });
      await as('rep', DELETE_CONTACT, { id: contact });
      const response = await as(
        'manager',
        `{ contacts(filter: { deleted: true, search: "trail" }) { edges { node { id auditTrail { edges { node { action changedBy { email } changes { field from to } } } } } } } }`,
      );
      expect(response.errors).toBeUndefined();
      const [node] = response.data.contacts.edges.map((e: any) => e.node);
      expect(node.id).toBe(contact);
      expect(node.auditTrail.edges.map((e: any) => e.node.action)).toEqual(['DELETE', 'UPDATE', 'CREATE']);
      expect(node.auditTrail.edges[1].node).toEqual({ action: 'UPDATE', changedBy: { email: 'rep@crm.example' }, changes: [{ field: 'jobTitle', from: null, to: 'CFO' }] });
    });
  });
});
