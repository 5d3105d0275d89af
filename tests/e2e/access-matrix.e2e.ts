import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { UserRole } from '@crm/kernel';
import { callerOf, eventually, problemOf, startPlatform, testToken, type Platform } from '@crm/testing';
import { collect, streamsReady, wsClient } from './ws-client';

/**
 * The role × record kind × ownership × operation matrix of the security issue, property-based: fast-check
 * generates sequences of operations (reads, writes, deletes, restores by any role on any record), runs
 * them against the real platform and compares every answer with a model built on the oracle table
 * below — the rules written out by hand, independently of the kernel's `accessCondition`.
 */

type Role = 'ADMIN' | 'MANAGER' | 'REP' | 'ANALYST';
type Kind = 'Account' | 'Contact' | 'Opportunity' | 'Activity';
/** How a record relates to the caller: theirs, a teammate's (shared with the team), another team's, or someone's without a team. */
type Ownership = 'own' | 'team' | 'otherTeam' | 'noTeam';
type Right = 'rw' | 'r' | '-';

const ROLES: Role[] = ['ADMIN', 'MANAGER', 'REP', 'ANALYST'];
const KINDS: Kind[] = ['Account', 'Contact', 'Opportunity', 'Activity'];
const OWNERSHIPS: Ownership[] = ['own', 'team', 'otherTeam', 'noTeam'];

const ALL = (right: Right): Record<Ownership, Right> => ({ own: right, team: right, otherTeam: right, noTeam: right });
const CUSTOMER_REP: Record<Ownership, Right> = { own: 'rw', team: 'r', otherTeam: 'r', noTeam: 'r' };
const DEAL_WORK_REP: Record<Ownership, Right> = { own: 'rw', team: 'rw', otherTeam: '-', noTeam: '-' };
const MANAGER: Record<Ownership, Right> = { own: 'rw', team: 'rw', otherTeam: 'r', noTeam: 'r' };

/** The oracle: who may read (r) and write (w) which record. */
const ORACLE: Record<Role, Record<Kind, Record<Ownership, Right>>> = {
  ADMIN: { Account: ALL('rw'), Contact: ALL('rw'), Opportunity: ALL('rw'), Activity: ALL('rw') },
  MANAGER: { Account: MANAGER, Contact: MANAGER, Opportunity: MANAGER, Activity: MANAGER },
  REP: { Account: CUSTOMER_REP, Contact: CUSTOMER_REP, Opportunity: DEAL_WORK_REP, Activity: DEAL_WORK_REP },
  ANALYST: { Account: ALL('r'), Contact: ALL('r'), Opportunity: ALL('r'), Activity: ALL('r') },
};
/** Who writes at all. */
const WRITERS: Role[] = ['ADMIN', 'MANAGER', 'REP'];
/** Who brings deleted records back (of those they may write). */
const RESTORERS: Role[] = ['ADMIN', 'MANAGER'];

const LOOKUP: Record<Kind, string> = { Account: 'account', Contact: 'contact', Opportunity: 'opportunity', Activity: 'activity' };
const LIST: Record<Kind, string> = { Account: 'accounts', Contact: 'contacts', Opportunity: 'opportunities', Activity: 'activities' };
const SUBGRAPH: Record<Kind, 'accounts' | 'opportunities' | 'activities'> = {
  Account: 'accounts',
  Contact: 'accounts',
  Opportunity: 'opportunities',
  Activity: 'activities',
};
const TABLE: Record<Kind, string> = {
  Account: 'accounts.accounts',
  Contact: 'accounts.contacts',
  Opportunity: 'opportunities.opportunities',
  Activity: 'activities.activities',
};
/** A harmless change per kind, for the write operations. */
const UPDATE: Record<Kind, (value: string) => Record<string, unknown>> = {
  Account: (value) => ({ industry: value }),
  Contact: (value) => ({ jobTitle: value }),
  Opportunity: (value) => ({ name: value }),
  Activity: (value) => ({ subject: value }),
};

type Op = 'list' | 'lookup' | 'entities' | 'aggregate' | 'update' | 'delete' | 'restore';
const OPS: Op[] = ['list', 'lookup', 'entities', 'aggregate', 'update', 'delete', 'restore'];

interface Fixture {
  platform: Platform;
  tokens: Record<Role, string>;
  /** Record ids by kind, then by `${role}:own` for each role's own records or by the shared ownership. */
  records: Record<Kind, Record<string, string>>;
  /** The account each deal and activity alone belongs to, for the per-account aggregates. */
  aggregateAccount: Record<string, string>;
  /** The owner (and their team) of the records under each key, and each role's own user. */
  owners: Record<string, Person>;
  people: Record<Role, Person>;
  /** The pipeline every fixture deal is in, for the pipeline analytics. */
  pipelineId: string;
  db: Client;
}

interface Person {
  id: string;
  teamId: string | null;
}

const recordKey = (role: Role, ownership: Ownership) => (ownership === 'own' ? `${role}:own` : ownership);

/** How the records under `key` relate to `role`'s user (a teammate's own records are 'team' for them). */
function ownershipOf(fixture: Fixture, key: string, role: Role): Ownership {
  const owner = fixture.owners[key];
  const me = fixture.people[role];
  if (owner.id === me.id) return 'own';
  if (owner.teamId === null) return 'noTeam';
  return owner.teamId === me.teamId ? 'team' : 'otherTeam';
}

/** What the model knows: which records are deleted. Every record starts live. */
interface Model {
  deleted: Set<string>;
}

/** What the oracle says a role may do with one record, given the model. */
function expected(fixture: Fixture, role: Role, kind: Kind, key: string, model: Model) {
  const id = fixture.records[kind][key];
  const right = ORACLE[role][kind][ownershipOf(fixture, key, role)];
  const live = !model.deleted.has(id);
  return { read: live && right !== '-', write: live && right === 'rw', right };
}

/** How a write is answered: done, FORBIDDEN (a role that writes nothing, whatever the record; or a record one only reads), NOT_FOUND (one may not read it, or it is deleted). */
function refusal(role: Role, may: { read: boolean; write: boolean }): string | undefined {
  if (!WRITERS.includes(role)) return 'FORBIDDEN';
  return may.write ? undefined : may.read ? 'FORBIDDEN' : 'NOT_FOUND';
}

class Operation implements fc.AsyncCommand<Model, Fixture> {
  constructor(
    readonly role: Role,
    readonly kind: Kind,
    readonly key: string,
    readonly op: Op,
  ) {}

  check(): boolean {
    // Aggregates are over deal work (a deal's pipeline value, an activity's last-activity time).
    return this.op !== 'aggregate' || this.kind === 'Opportunity' || this.kind === 'Activity';
  }

  async run(model: Model, fixture: Fixture): Promise<void> {
    const { role, kind, key, op } = this;
    const id = fixture.records[kind][key];
    const token = fixture.tokens[role];
    const gateway = (query: string, variables: Record<string, unknown> = {}) => fixture.platform.as(token).call(query, variables);
    const subgraph = (query: string, variables: Record<string, unknown> = {}) =>
      callerOf(fixture.platform.subgraphUrls[SUBGRAPH[kind]], token).call(query, variables);
    const may = expected(fixture, role, kind, key, model);
    const label = `${role} ${op} ${kind} (${ownershipOf(fixture, key, role)}${model.deleted.has(id) ? ', deleted' : ''})`;

    switch (op) {
      case 'list': {
        const response = await gateway(`{ ${LIST[kind]}(first: 100) { totalCount edges { node { id } } } }`);
        expect(response.errors).toBeUndefined();
        const listed = new Set(response.data[LIST[kind]].edges.map((e: { node: { id: string } }) => e.node.id));
        const readable = Object.entries(fixture.records[kind]).filter(([k]) => expected(fixture, role, kind, k, model).read);
        expect({ label, ids: [...listed].sort() }).toEqual({ label, ids: readable.map(([, recordId]) => recordId).sort() });
        expect({ label, totalCount: response.data[LIST[kind]].totalCount }).toEqual({ label, totalCount: readable.length });
        if (kind === 'Opportunity') {
          // Analytics are scoped by the same SQL rule: the summary counts what the list shows.
          const summary = await gateway(`query($p: ID!) { pipelineSummary(pipelineId: $p) { count } }`, { p: fixture.pipelineId });
          expect({ label, summary: summary.data?.pipelineSummary.count }).toEqual({ label, summary: readable.length });
        }
        break;
      }
      case 'lookup': {
        const response = await gateway(`query($id: ID!) { ${LOOKUP[kind]}(id: $id) { id } }`, { id });
        expect({ label, errors: response.errors }).toEqual({ label, errors: undefined });
        expect({ label, found: response.data[LOOKUP[kind]] !== null }).toEqual({ label, found: may.read });
        break;
      }
      case 'entities': {
        const response = await subgraph(`query($r: [_Any!]!) { _entities(representations: $r) { ... on ${kind} { id } } }`, { r: [{ __typename: kind, id }] });
        expect({ label, found: response.data?._entities[0] !== null }).toEqual({ label, found: may.read });
        break;
      }
      case 'aggregate': {
        const field = kind === 'Opportunity' ? 'openPipelineValue { amount }' : 'lastActivityAt';
        const response = await subgraph(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Account { ${field} } } }`, {
          r: [{ __typename: 'Account', id: fixture.aggregateAccount[id] }],
        });
        expect(response.errors).toBeUndefined();
        const entity = response.data._entities[0];
        const counted = kind === 'Opportunity' ? entity.openPipelineValue.length > 0 : entity.lastActivityAt !== null;
        expect({ label, counted }).toEqual({ label, counted: may.read });
        break;
      }
      case 'update': {
        const response = await gateway(`mutation($id: ID!, $input: Update${kind}Input!) { update${kind}(id: $id, input: $input) { id } }`, {
          id,
          input: UPDATE[kind](`by ${role} ${randomUUID().slice(0, 8)}`),
        });
        expect({ label, code: problemOf(response)?.code }).toEqual({ label, code: refusal(role, may) });
        break;
      }
      case 'delete': {
        const response = await gateway(`mutation($id: ID!) { delete${kind}(id: $id) { id deletedAt } }`, { id });
        expect({ label, code: problemOf(response)?.code }).toEqual({ label, code: refusal(role, may) });
        if (may.write) model.deleted.add(id);
        break;
      }
      case 'restore': {
        const response = await gateway(`mutation($id: ID!) { restore${kind}(id: $id) { id deletedAt } }`, { id });
        const deleted = model.deleted.has(id);
        const writable = may.right === 'rw';
        const outcome = !RESTORERS.includes(role) ? 'FORBIDDEN' : !deleted ? 'NOT_FOUND' : writable ? undefined : 'FORBIDDEN';
        expect({ label, code: problemOf(response)?.code }).toEqual({ label, code: outcome });
        if (outcome === undefined) model.deleted.delete(id);
        break;
      }
    }
  }

  toString(): string {
    return `${this.role} ${this.op} ${this.kind}[${this.key}]`;
  }
}

describe('the access matrix: every role × record kind × ownership × operation against the oracle', () => {
  let fixture: Fixture;

  beforeAll(async () => {
    const platform = await startPlatform();
    const admin = await testToken({ role: UserRole.ADMIN });
    const team = async (name: string) => (await platform.as(admin).ok(`mutation($n: String!) { createTeam(input: { name: $n }) { id } }`, { n: name })).createTeam.id as string;
    const teamA = await team('Team A');
    const teamB = await team('Team B');
    const user = async (handle: string, role: Role, teamId: string | null) =>
      (
        await platform.as(admin).ok(`mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`, {
          input: { email: `${handle}@crm.example`, firstName: handle, lastName: 'Matrix', role, teamId },
        })
      ).createUser.id as string;
    // Everyone whose records we test, and the owners of the shared records.
    const people: Record<Role, Person> = {
      ADMIN: { id: await user('admin', 'ADMIN', null), teamId: null },
      MANAGER: { id: await user('manager', 'MANAGER', teamA), teamId: teamA },
      REP: { id: await user('rep', 'REP', teamA), teamId: teamA },
      ANALYST: { id: await user('analyst', 'ANALYST', null), teamId: null },
    };
    const shared: Record<Exclude<Ownership, 'own'>, Person> = {
      team: { id: await user('teammate', 'REP', teamA), teamId: teamA },
      otherTeam: { id: await user('outsider', 'REP', teamB), teamId: teamB },
      noTeam: { id: await user('loner', 'REP', null), teamId: null },
    };
    const tokens = {} as Record<Role, string>;
    for (const role of ROLES) tokens[role] = await testToken({ userId: people[role].id, role: UserRole[role], email: `${role.toLowerCase()}@crm.example`, teamId: people[role].teamId });

    const pipelineId = (
      await platform.as(admin).ok(`mutation { createPipeline(input: { name: "Matrix", stages: [{ name: "Open", kind: OPEN, probability: 50 }, { name: "Won", kind: WON, probability: 100 }, { name: "Lost", kind: LOST, probability: 0 }] }) { id } }`)
    ).createPipeline.id as string;
    const records = { Account: {}, Contact: {}, Opportunity: {}, Activity: {} } as Fixture['records'];
    const aggregateAccount: Record<string, string> = {};
    const owned = [
      ...ROLES.map((role) => ({ key: `${role}:own`, owner: people[role] })),
      ...(Object.keys(shared) as (keyof typeof shared)[]).map((key) => ({ key, owner: shared[key] })),
    ];
    const owners = Object.fromEntries(owned.map(({ key, owner }) => [key, owner]));
    for (const { key, owner } of owned) {
      const account = (await platform.as(admin).ok(`mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }`, { input: { name: `Account ${key}`, ownerId: owner.id } })).createAccount.id;
      records.Account[key] = account;
      records.Contact[key] = (
        await platform.as(admin).ok(`mutation($input: CreateContactInput!) { createContact(input: $input) { id } }`, {
          input: { accountId: account, firstName: 'Contact', lastName: key, email: `${key.replace(':', '-').toLowerCase()}@customer.example`, phone: '+49 30 1234567' },
        })
      ).createContact.id;
      const dealAccount = randomUUID();
      const deal = (
        await platform.as(admin).ok(`mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id } }`, {
          input: { name: `Deal ${key}`, accountId: dealAccount, ownerId: owner.id, teamId: owner.teamId, amount: { amount: '1000.00', currency: 'EUR' }, expectedCloseDate: '2027-03-31' },
        })
      ).createOpportunity.id;
      records.Opportunity[key] = deal;
      aggregateAccount[deal] = dealAccount;
      const activityAccount = randomUUID();
      const activity = (
        await platform.as(admin).ok(`mutation($input: CreateActivityInput!) { createActivity(input: $input) { id } }`, {
          input: { type: 'CALL', subject: `Call ${key}`, accountId: activityAccount, ownerId: owner.id, teamId: owner.teamId },
        })
      ).createActivity.id;
      records.Activity[key] = activity;
      aggregateAccount[activity] = activityAccount;
    }
    const db = new Client({ connectionString: platform.database.url });
    await db.connect();
    fixture = { platform, tokens, records, aggregateAccount, owners, people, pipelineId, db };
  }, 60_000);

  afterAll(async () => {
    await fixture?.db.end();
    await fixture?.platform.stop();
  });

  /** Every run starts from live records, whatever the previous run deleted. */
  const restoreAll = async () => {
    for (const table of Object.values(TABLE)) await fixture.db.query(`UPDATE ${table} SET deleted_at = NULL WHERE deleted_at IS NOT NULL`);
  };

  it('answers every generated sequence of operations exactly as the oracle says', async () => {
    const keys = [...ROLES.map((role) => `${role}:own`), 'team', 'otherTeam', 'noTeam'];
    const operation = fc
      .record({ role: fc.constantFrom(...ROLES), kind: fc.constantFrom(...KINDS), key: fc.constantFrom(...keys), op: fc.constantFrom(...OPS) })
      .map(({ role, kind, key, op }) => new Operation(role, kind, key, op));
    let runs = 0;
    let operations = 0;
    await fc.assert(
      fc.asyncProperty(fc.commands([operation], { maxCommands: 50, size: 'large' }), async (commands) => {
        await restoreAll();
        runs++;
        operations += [...commands].length;
        await fc.asyncModelRun(() => ({ model: { deleted: new Set<string>() }, real: fixture }), commands);
      }),
      { numRuns: 60, seed: Number(process.env.MATRIX_SEED ?? Date.now() % 2 ** 31) },
    );
    // Reported in the closing note and docs/security.md.
    console.info(`access matrix: ${runs} runs, ${operations} generated operations`);
  }, 300_000);

  it('covers every cell of the matrix at least once, deterministically', async () => {
    await restoreAll();
    const model: Model = { deleted: new Set() };
    let cells = 0;
    for (const role of ROLES) {
      for (const kind of KINDS) {
        for (const ownership of OWNERSHIPS) {
          const key = recordKey(role, ownership);
          // Read first, then write, then delete and restore (restoring as ADMIN when the role could not).
          for (const op of ['list', 'lookup', 'entities', 'aggregate', 'update', 'delete', 'restore'] as Op[]) {
            const command = new Operation(role, kind, key, op);
            if (!command.check()) continue;
            await command.run(model, fixture);
            cells++;
          }
          const id = fixture.records[kind][key];
          if (model.deleted.has(id)) {
            await new Operation('ADMIN', kind, key, 'restore').run(model, fixture);
          }
        }
      }
    }
    expect(cells).toBe(ROLES.length * OWNERSHIPS.length * (KINDS.length * OPS.length - 2));
  }, 120_000);

  it('hides contact email and phone from ANALYSTs only', async () => {
    const id = fixture.records.Contact.noTeam;
    for (const role of ROLES) {
      const response = await fixture.platform.as(fixture.tokens[role]).call(`query($id: ID!) { contact(id: $id) { email phone } }`, { id });
      expect(response.errors).toBeUndefined();
      const hidden = role === 'ANALYST';
      expect({ role, contact: response.data.contact }).toEqual({
        role,
        contact: hidden ? { email: null, phone: null } : { email: 'noteam@customer.example', phone: '+49 30 1234567' },
      });
    }
  });

  it('delivers each deal stage change to exactly the roles that may read the deal, and none of a deleted deal', async () => {
    await restoreAll();
    const { gatewayUrl, subgraphUrls } = fixture.platform;
    const query = `subscription { dealStageChanged { opportunity { id } toStage { name } } }`;
    const clients = ROLES.map((role) => wsClient(gatewayUrl, fixture.tokens[role]));
    const streams = clients.map((client) => collect<{ dealStageChanged: { opportunity: { id: string } } }>(client, query));
    // One upstream stream per authorization scope: ADMIN, MANAGER, ANALYST and this REP.
    await streamsReady(subgraphUrls.opportunities, 4);
    const admin = (q: string, v: Record<string, unknown>) => fixture.platform.as(fixture.tokens.ADMIN).call(q, v);
    const stages = (await admin(`{ pipelines(first: 10) { edges { node { name stages { id name } } } } }`, {})).data.pipelines.edges
      .map((e: { node: { name: string; stages: { id: string; name: string }[] } }) => e.node)
      .find((p: { name: string }) => p.name === 'Matrix').stages;
    const won = stages.find((s: { name: string }) => s.name === 'Won').id;
    const deleted = fixture.records.Opportunity.noTeam;
    expect((await admin(`mutation($id: ID!) { deleteOpportunity(id: $id) { id } }`, { id: deleted })).errors).toBeUndefined();
    const moved = Object.values(fixture.records.Opportunity).filter((id) => id !== deleted);
    for (const id of moved) {
      const response = await admin(`mutation($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { id } }`, { input: { opportunityId: id, stageId: won } });
      expect(response.errors).toBeUndefined();
    }
    const model: Model = { deleted: new Set([deleted]) };
    const expectedIds = (role: Role) =>
      Object.entries(fixture.records.Opportunity)
        .filter(([key]) => expected(fixture, role, 'Opportunity', key, model).read)
        .map(([, id]) => id)
        .sort();
    await eventually(() => streams.every((stream, i) => stream.events.length >= expectedIds(ROLES[i]).length), { timeoutMs: 10_000, what: 'every stream to receive its events' });
    // A moment for anything that should not arrive.
    await new Promise((resolve) => setTimeout(resolve, 300));
    streams.forEach((stream, i) => {
      const role = ROLES[i];
      expect({ role, ids: stream.events.map((e) => e.dealStageChanged.opportunity.id).sort() }).toEqual({ role, ids: expectedIds(role) });
      expect(stream.errors).toEqual([]);
      stream.dispose();
    });
    await Promise.all(clients.map((client) => client.dispose()));
    await restoreAll();
  }, 60_000);
});
