import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { dbQueriesTotal } from '@crm/kernel';
import { type ServiceHandle } from '@crm/kernel/subgraph';
import { callerOf, createTestDatabase, freePort, problemOf, startBuiltSubgraph, startServiceUnderTest, testPeople, type ServiceUnderTest, type TestDatabase, type TestProcess } from '@crm/testing';
import { loadConfig } from '../config';
import { createTestPipeline, NEW_BUSINESS_STAGES } from '../pipelines/pipeline-stages.fixture';
import { start } from '../server';

type Who = 'admin' | 'managerA' | 'repA1' | 'repB' | 'analyst';

const MEMBER_FIELDS = 'id role stance influence isPrimary version contact { id } opportunity { id }';

/**
 * Buying committees through the subgraph's API on real PostgreSQL, with the hierarchy rule checked
 * against a real accounts subgraph process (built `dist/`) on the same database.
 */
describe('buying committees', () => {
  let database: TestDatabase;
  let accounts: TestProcess;
  let accountsUrl: string;
  let service: ServiceUnderTest<ServiceHandle>;
  const people = testPeople({ admin: 'ADMIN', managerA: ['MANAGER', 'A'], repA1: ['REP', 'A'], repB: ['REP', 'B'], analyst: 'ANALYST' });
  const { principals, tokens } = people;
  /** group ← subsidiary ← plant, group ← sister; other is unrelated. */
  const account = {} as Record<'group' | 'subsidiary' | 'plant' | 'sister' | 'other', string>;
  const contact = {} as Record<'groupCeo' | 'subsidiaryCfo' | 'subsidiaryCto' | 'subsidiaryUser' | 'plantManager' | 'sisterBuyer' | 'otherCeo' | 'deleted', string>;
  /** mine: repA1's, team A, with the subsidiary; theirs: repB's, team B. */
  const deal = {} as Record<'mine' | 'theirs', string>;

  const call = (who: Who, query: string, variables?: Record<string, unknown>) => service.as(tokens[who]).call(query, variables);
  const ok = (who: Who, query: string, variables?: Record<string, unknown>) => service.as(tokens[who]).ok(query, variables);
  const callAccounts = (query: string, variables: Record<string, unknown>) => callerOf(accountsUrl, tokens.admin).ok(query, variables);
  const add = (who: Who, input: Record<string, unknown>) =>
    call(who, `mutation($input: AddCommitteeMemberInput!) { addCommitteeMember(input: $input) { ${MEMBER_FIELDS} } }`, { input });
  const update = (who: Who, id: string, input: Record<string, unknown>) =>
    call(who, `mutation($id: ID!, $input: UpdateCommitteeMemberInput!) { updateCommitteeMember(id: $id, input: $input) { ${MEMBER_FIELDS} } }`, { id, input });
  const remove = (who: Who, id: string, expectedVersion?: number) =>
    call(who, `mutation($id: ID!, $v: Int) { removeCommitteeMember(id: $id, expectedVersion: $v) { ${MEMBER_FIELDS} } }`, { id, v: expectedVersion });
  const added = async (input: Record<string, unknown>) => {
    const response = await add('repA1', { opportunityId: deal.mine, ...input });
    expect(response.errors).toBeUndefined();
    return response.data.addCommitteeMember;
  };
  const committee = async (who: Who, id: string) => {
    const data = await ok(who, `query($id: ID!) { opportunity(id: $id) { buyingCommittee { ${MEMBER_FIELDS} } } }`, { id });
    return data.opportunity.buyingCommittee as { id: string; role: string; isPrimary: boolean; contact: { id: string } }[];
  };
  const rows = async (opportunityId: string) =>
    (await service.handle.db.query(`SELECT count(*)::int AS n FROM opportunities.committee_members WHERE opportunity_id = $1`, [opportunityId]))[0].n as number;
  const clear = () => service.handle.db.query(`DELETE FROM opportunities.committee_members`);

  beforeAll(async () => {
    database = await createTestDatabase();
    await people.sign();
    ({ process: accounts, url: accountsUrl } = await startBuiltSubgraph('accounts', database.url));
    // On the accounts process's database, which the harness then leaves to afterAll.
    service = await startServiceUnderTest({ loadConfig, start, database, env: { ACCOUNTS_URL: accountsUrl } });

    const { createUser } = await callAccounts(`mutation { createUser(input: { email: "owner@crm.example", firstName: "Olga", lastName: "Owner", role: REP }) { id } }`, {});
    const createAccount = async (name: string, parentId?: string) =>
      (await callAccounts(`mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }`, { input: { name, parentId, ownerId: createUser.id } })).createAccount
        .id as string;
    const createContact = async (accountId: string, firstName: string) =>
      (await callAccounts(`mutation($input: CreateContactInput!) { createContact(input: $input) { id } }`, { input: { accountId, firstName, lastName: 'Test' } }))
        .createContact.id as string;
    account.group = await createAccount('Globex Group');
    account.subsidiary = await createAccount('Globex Germany', account.group);
    account.plant = await createAccount('Globex Plant Essen', account.subsidiary);
    account.sister = await createAccount('Globex France', account.group);
    account.other = await createAccount('Initech');
    contact.groupCeo = await createContact(account.group, 'Gina');
    contact.subsidiaryCfo = await createContact(account.subsidiary, 'Carl');
    contact.subsidiaryCto = await createContact(account.subsidiary, 'Tina');
    contact.subsidiaryUser = await createContact(account.subsidiary, 'Uwe');
    contact.plantManager = await createContact(account.plant, 'Paul');
    contact.sisterBuyer = await createContact(account.sister, 'Sophie');
    contact.otherCeo = await createContact(account.other, 'Oscar');
    contact.deleted = await createContact(account.subsidiary, 'Dora');
    await callAccounts(`mutation($id: ID!) { deleteContact(id: $id) { id } }`, { id: contact.deleted });

    await createTestPipeline(service.as(tokens.admin), 'New Business', NEW_BUSINESS_STAGES);
    const create = async (who: Who, accountId: string) => {
      const data = await ok(who, `mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id } }`, {
        input: { name: 'Globex - CRM', accountId, amount: { amount: '50000.00', currency: 'EUR' }, expectedCloseDate: '2027-03-31' },
      });
      return data.createOpportunity.id as string;
    };
    deal.mine = await create('repA1', account.subsidiary);
    deal.theirs = await create('repB', account.subsidiary);
  });

  afterAll(async () => {
    await service?.stop();
    await accounts?.stop();
    await database?.drop();
  });

  beforeEach(clear);

  it('seats contacts of the deal\'s account, its parent, its subsidiary and a sister company, and lists them primary first', async () => {
    const cfo = await added({ contactId: contact.subsidiaryCfo, role: 'ECONOMIC_BUYER', stance: 'SUPPORTER', influence: 5 });
    expect(cfo).toEqual({
      id: expect.any(String),
      role: 'ECONOMIC_BUYER',
      stance: 'SUPPORTER',
      influence: 5,
      isPrimary: false,
      version: 1,
      contact: { id: contact.subsidiaryCfo },
      opportunity: { id: deal.mine },
    });
    const ceo = await added({ contactId: contact.groupCeo, role: 'DECISION_MAKER', isPrimary: true });
    expect(ceo).toEqual(expect.objectContaining({ stance: 'UNKNOWN', influence: null, isPrimary: true }));
    await added({ contactId: contact.plantManager, role: 'END_USER' });
    await added({ contactId: contact.sisterBuyer, role: 'INFLUENCER' });
    const members = await committee('repA1', deal.mine);
    expect(members.map((m) => m.contact.id)).toEqual([contact.groupCeo, contact.subsidiaryCfo, contact.plantManager, contact.sisterBuyer]);
  });

  it('refuses a contact of an account outside the deal\'s group with BAD_USER_INPUT naming input.contactId, and writes nothing', async () => {
    const response = await add('repA1', { opportunityId: deal.mine, contactId: contact.otherCeo, role: 'DECISION_MAKER' });
    expect(problemOf(response)?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].extensions?.problems).toEqual([
      {
        field: 'input.contactId',
        message: `contact ${contact.otherCeo} belongs to account ${account.other}, which is not in the hierarchy of the deal's account ${account.subsidiary}`,
      },
    ]);
    for (const contactId of [contact.deleted, randomUUID()]) {
      const missing = await add('repA1', { opportunityId: deal.mine, contactId, role: 'CHAMPION' });
      expect(missing.errors?.[0].extensions?.problems).toEqual([{ field: 'input.contactId', message: `no contact with id ${contactId}` }]);
    }
    expect(await rows(deal.mine)).toBe(0);
  });

  it('seats a contact at most once per deal', async () => {
    const first = await added({ contactId: contact.subsidiaryCto, role: 'TECHNICAL_EVALUATOR' });
    const again = await add('repA1', { opportunityId: deal.mine, contactId: contact.subsidiaryCto, role: 'CHAMPION' });
    expect(problemOf(again)?.code).toBe('BAD_USER_INPUT');
    expect(again.errors?.[0].extensions?.problems?.[0]).toEqual({
      field: 'input.contactId',
      message: `contact ${contact.subsidiaryCto} already sits on the buying committee of deal ${deal.mine} (member ${first.id}); change that membership instead`,
    });
    // The same person may sit on another deal's committee.
    expect((await add('repB', { opportunityId: deal.theirs, contactId: contact.subsidiaryCto, role: 'CHAMPION' })).errors).toBeUndefined();
    expect(await rows(deal.mine)).toBe(1);
  });

  it('keeps at most one primary member: making one primary, on add or update, clears the other in the same write', async () => {
    const cfo = await added({ contactId: contact.subsidiaryCfo, role: 'ECONOMIC_BUYER', isPrimary: true });
    const ceo = await added({ contactId: contact.groupCeo, role: 'DECISION_MAKER', isPrimary: true });
    let members = await committee('repA1', deal.mine);
    expect(members.filter((m) => m.isPrimary).map((m) => m.id)).toEqual([ceo.id]);
    const cto = await added({ contactId: contact.subsidiaryCto, role: 'TECHNICAL_EVALUATOR' });
    const promoted = await update('repA1', cto.id, { isPrimary: true });
    expect(promoted.data.updateCommitteeMember).toEqual(expect.objectContaining({ isPrimary: true, version: 2 }));
    members = await committee('repA1', deal.mine);
    expect(members.map((m) => [m.id, m.isPrimary])).toEqual([
      [cto.id, true],
      [cfo.id, false],
      [ceo.id, false],
    ]);
    const [{ n }] = await service.handle.db.query(`SELECT count(*)::int AS n FROM opportunities.committee_members WHERE opportunity_id = $1 AND is_primary`, [deal.mine]);
    expect(n).toBe(1);
  });

  it('changes role, stance and influence, refusing a stale expectedVersion with CONFLICT and bad values with BAD_USER_INPUT', async () => {
    const cfo = await added({ contactId: contact.subsidiaryCfo, role: 'INFLUENCER' });
    const changed = await update('repA1', cfo.id, { role: 'ECONOMIC_BUYER', stance: 'OPPONENT', influence: 4, expectedVersion: 1 });
    expect(changed.data.updateCommitteeMember).toEqual(expect.objectContaining({ role: 'ECONOMIC_BUYER', stance: 'OPPONENT', influence: 4, version: 2 }));
    const stale = await update('repA1', cfo.id, { stance: 'SUPPORTER', expectedVersion: 1 });
    expect(problemOf(stale)?.code).toBe('CONFLICT');
    expect(stale.errors?.[0].extensions?.currentVersion).toBe(2);
    expect(problemOf(await update('repA1', cfo.id, { influence: 6 }))?.code).toBe('BAD_USER_INPUT');
    expect(problemOf(await update('repA1', cfo.id, { role: null }))?.code).toBe('BAD_USER_INPUT');
    expect(problemOf(await add('repA1', { opportunityId: deal.mine, contactId: contact.groupCeo, role: 'CHAMPION', influence: 0 }))?.code).toBe('BAD_USER_INPUT');
    const cleared = await update('repA1', cfo.id, { influence: null });
    expect(cleared.data.updateCommitteeMember).toEqual(expect.objectContaining({ influence: null, stance: 'OPPONENT', version: 3 }));
    // Nothing to change: no new version.
    expect((await update('repA1', cfo.id, { stance: 'OPPONENT' })).data.updateCommitteeMember.version).toBe(3);
  });

  it('removes a member, returning the membership as it was', async () => {
    const cfo = await added({ contactId: contact.subsidiaryCfo, role: 'ECONOMIC_BUYER' });
    expect(problemOf(await remove('repA1', cfo.id, 7))?.code).toBe('CONFLICT');
    const removed = await remove('repA1', cfo.id, 1);
    expect(removed.data.removeCommitteeMember).toEqual(expect.objectContaining({ id: cfo.id, role: 'ECONOMIC_BUYER', contact: { id: contact.subsidiaryCfo } }));
    expect(await committee('repA1', deal.mine)).toEqual([]);
    expect(problemOf(await remove('repA1', cfo.id))?.code).toBe('NOT_FOUND');
  });

  it('lets only those who may change the deal change its committee: FORBIDDEN for ANALYST and readers, NOT_FOUND for those who may not read it', async () => {
    const cfo = await added({ contactId: contact.subsidiaryCfo, role: 'ECONOMIC_BUYER' });
    const input = { opportunityId: deal.mine, contactId: contact.groupCeo, role: 'DECISION_MAKER' };
    for (const response of [await add('analyst', input), await update('analyst', cfo.id, { stance: 'NEUTRAL' }), await remove('analyst', cfo.id)]) {
      expect(problemOf(response)?.code).toBe('FORBIDDEN');
    }
    // A MANAGER of team A reads team B's deal but may not change it.
    const managed = await add('managerA', { ...input, opportunityId: deal.theirs });
    expect(problemOf(managed)?.code).toBe('FORBIDDEN');
    expect(managed.errors?.[0].message).toBe(`As MANAGER you may not change the buying committee of Opportunity ${deal.theirs}`);
    // A REP of team B may not even read team A's deal: its committee does not exist for them.
    const hidden = await add('repB', input);
    expect(problemOf(hidden)?.code).toBe('NOT_FOUND');
    expect(hidden.errors?.[0].message).toBe(`Opportunity ${deal.mine} does not exist`);
    const hiddenMember = await update('repB', cfo.id, { stance: 'NEUTRAL' });
    expect(problemOf(hiddenMember)?.code).toBe('NOT_FOUND');
    expect(hiddenMember.errors?.[0].message).toBe(`CommitteeMember ${cfo.id} does not exist`);
    expect(problemOf(await remove('repB', cfo.id))?.code).toBe('NOT_FOUND');
    // MANAGER of the deal's team and ADMIN may.
    expect((await add('managerA', input)).errors).toBeUndefined();
    expect((await update('admin', cfo.id, { stance: 'NEUTRAL' })).errors).toBeUndefined();
    expect(await rows(deal.mine)).toBe(2);
  });

  it('records every committee change on the deal\'s audit trail', async () => {
    const cfo = await added({ contactId: contact.subsidiaryCfo, role: 'ECONOMIC_BUYER', isPrimary: true });
    const ceo = await added({ contactId: contact.groupCeo, role: 'DECISION_MAKER', isPrimary: true });
    await remove('repA1', cfo.id);
    const { data } = await call('admin', `query($id: ID!) { opportunity(id: $id) { auditTrail(first: 3) { edges { node { action changedBy { id } changes { field from to } } } } } }`, { id: deal.mine });
    const entries = data.opportunity.auditTrail.edges.map((e: { node: unknown }) => e.node);
    const member = (id: string, contactId: string, role: string, isPrimary: boolean) =>
      JSON.stringify({ id, contactId, role, stance: 'UNKNOWN', influence: null, isPrimary });
    expect(entries).toEqual([
      {
        action: 'UPDATE',
        changedBy: { id: principals.repA1.userId },
        changes: [{ field: 'buyingCommittee', from: member(cfo.id, contact.subsidiaryCfo, 'ECONOMIC_BUYER', false), to: null }],
      },
      {
        action: 'UPDATE',
        changedBy: { id: principals.repA1.userId },
        changes: [
          { field: 'buyingCommittee', from: member(cfo.id, contact.subsidiaryCfo, 'ECONOMIC_BUYER', true), to: member(cfo.id, contact.subsidiaryCfo, 'ECONOMIC_BUYER', false) },
          { field: 'buyingCommittee', from: null, to: member(ceo.id, contact.groupCeo, 'DECISION_MAKER', true) },
        ],
      },
      {
        action: 'UPDATE',
        changedBy: { id: principals.repA1.userId },
        changes: [{ field: 'buyingCommittee', from: null, to: member(cfo.id, contact.subsidiaryCfo, 'ECONOMIC_BUYER', true) }],
      },
    ]);
  });

  it('loads the committees of a page of deals in one query, whatever the page size', async () => {
    const many: string[] = [];
    for (let i = 0; i < 9; i++) {
      const { data } = await call('admin', `mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id } }`, {
        input: { name: `Batch ${i}`, accountId: account.plant, amount: { amount: '10.00', currency: 'EUR' }, expectedCloseDate: '2027-01-01', ownerId: principals.repA1.userId },
      });
      many.push(data.createOpportunity.id);
      await add('admin', { opportunityId: data.createOpportunity.id, contactId: contact.plantManager, role: 'CHAMPION' });
      await add('admin', { opportunityId: data.createOpportunity.id, contactId: contact.groupCeo, role: 'DECISION_MAKER' });
    }
    const queries = async (first: number) => {
      const before = (await dbQueriesTotal.get()).values[0].value;
      const { data, errors } = await call('admin', `query($first: Int!, $account: ID!) {
        opportunities(first: $first, filter: { accountId: $account }) { edges { node { id buyingCommittee { role contact { id } } } } }
      }`, { first, account: account.plant });
      expect(errors).toBeUndefined();
      expect(data.opportunities.edges).toHaveLength(first);
      for (const edge of data.opportunities.edges) expect(edge.node.buyingCommittee).toHaveLength(2);
      return (await dbQueriesTotal.get()).values[0].value - before;
    };
    expect(await queries(3)).toBe(await queries(9));
    expect(many).toHaveLength(9);
  });

  it('answers SERVICE_UNAVAILABLE (retryable) and writes nothing when the accounts subgraph cannot be reached', async () => {
    const closedPort = await freePort();
    const isolated = await startServiceUnderTest({ loadConfig, start, database, env: { ACCOUNTS_URL: `http://127.0.0.1:${closedPort}/graphql` } });
    try {
      const response = await isolated.as(tokens.repA1).call(
        `mutation($input: AddCommitteeMemberInput!) { addCommitteeMember(input: $input) { id } }`,
        { input: { opportunityId: deal.mine, contactId: contact.subsidiaryCfo, role: 'CHAMPION' } },
      );
      expect(response.errors?.[0].extensions).toEqual(expect.objectContaining({ code: 'SERVICE_UNAVAILABLE', retryable: true }));
      expect(response.errors?.[0].message).toBe('A service this request needs is temporarily unavailable; retry shortly');
      // Refusals that need no sibling come first, as before.
      const refused = await isolated.as(tokens.repB).call(
        `mutation($input: AddCommitteeMemberInput!) { addCommitteeMember(input: $input) { id } }`,
        { input: { opportunityId: deal.mine, contactId: contact.subsidiaryCfo, role: 'CHAMPION' } },
      );
      expect(refused.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    } finally {
      await isolated.stop();
    }
    expect(await rows(deal.mine)).toBe(0);
  });
});
