import { UserRole } from '@crm/kernel';
import { startPlatform, testToken, type Platform } from '@crm/testing';
import { sqlQueriesSoFar, subgraphRequestsSoFar } from './platform-helpers';

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

/**
 * Buying committees across the three subgraphs, through the gateway: opportunities stores the
 * committee and asks accounts (directly, as the caller) whether a member works in the deal's group;
 * activities computes `committeeCoverage` from the committee the gateway fetches for its `@requires`.
 */
describe('buying committees and their coverage through the gateway', () => {
  let platform: Platform;
  let admin: string;
  let rep: string;
  const account = {} as Record<'group' | 'pharma' | 'unrelated', string>;
  const contact = {} as Record<'groupCeo' | 'pharmaCfo' | 'pharmaCto' | 'pharmaOps' | 'stranger', string>;
  let dealId: string;

  const as = (token: string, query: string, variables: Record<string, unknown> = {}) => platform.as(token).ok(query, variables);
  const addMember = (input: Record<string, unknown>) =>
    platform.as(rep).call(`mutation($input: AddCommitteeMemberInput!) { addCommitteeMember(input: $input) { id role isPrimary contact { name } } }`, { input });
  const createDeal = async (name: string) =>
    (
      await as(rep, `mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id } }`, {
        input: { name, accountId: account.pharma, amount: { amount: '250000.00', currency: 'EUR' }, expectedCloseDate: '2027-06-30' },
      })
    ).createOpportunity.id as string;

  beforeAll(async () => {
    platform = await startPlatform();
    admin = await testToken({ role: UserRole.ADMIN });
    const { createUser } = await as(admin, `mutation { createUser(input: { email: "rep@crm.example", firstName: "Rita", lastName: "Rep", role: REP }) { id } }`);
    rep = await testToken({ userId: createUser.id, email: 'rep@crm.example', role: UserRole.REP });
    const createAccount = async (name: string, parentId?: string) =>
      (await as(rep, `mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }`, { input: { name, parentId, tier: 'STRATEGIC' } })).createAccount.id;
    const createContact = async (accountId: string, firstName: string, lastName: string, jobTitle: string) =>
      (await as(rep, `mutation($input: CreateContactInput!) { createContact(input: $input) { id } }`, { input: { accountId, firstName, lastName, jobTitle } })).createContact.id;
    account.group = await createAccount('Umbrella Holding');
    account.pharma = await createAccount('Umbrella Pharma', account.group);
    account.unrelated = await createAccount('Initech');
    contact.groupCeo = await createContact(account.group, 'Albert', 'Wesker', 'Chief Executive Officer');
    contact.pharmaCfo = await createContact(account.pharma, 'Carla', 'Finch', 'Chief Financial Officer');
    contact.pharmaCto = await createContact(account.pharma, 'Tom', 'Byte', 'Chief Technology Officer');
    contact.pharmaOps = await createContact(account.pharma, 'Olivia', 'Ops', 'VP of Operations');
    contact.stranger = await createContact(account.unrelated, 'Bill', 'Lumbergh', 'Division VP');
    await as(admin, `mutation($input: CreatePipelineInput!) { createPipeline(input: $input) { id } }`, {
      input: {
        name: 'New Business',
        stages: [
          { name: 'Qualification', kind: 'OPEN', probability: 10 },
          { name: 'Proposal', kind: 'OPEN', probability: 50 },
          { name: 'Closed Won', kind: 'WON', probability: 100 },
          { name: 'Closed Lost', kind: 'LOST', probability: 0 },
        ],
      },
    });
    dealId = await createDeal('Umbrella Pharma - CRM Enterprise');
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('seats people of the deal\'s account and of its parent, and refuses a person of an unrelated account', async () => {
    const ceo = await addMember({ opportunityId: dealId, contactId: contact.groupCeo, role: 'DECISION_MAKER', influence: 5 });
    expect(ceo.errors).toBeUndefined();
    expect(ceo.data.addCommitteeMember).toEqual(expect.objectContaining({ role: 'DECISION_MAKER', contact: { name: 'Albert Wesker' } }));
    for (const input of [
      { contactId: contact.pharmaCfo, role: 'ECONOMIC_BUYER', stance: 'NEUTRAL' },
      { contactId: contact.pharmaOps, role: 'CHAMPION', stance: 'SUPPORTER', isPrimary: true },
    ]) {
      expect((await addMember({ opportunityId: dealId, ...input })).errors).toBeUndefined();
    }
    const refused = await addMember({ opportunityId: dealId, contactId: contact.stranger, role: 'INFLUENCER' });
    expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0].extensions?.problems).toEqual([
      {
        field: 'input.contactId',
        message: `contact ${contact.stranger} belongs to account ${account.unrelated}, which is not in the hierarchy of the deal's account ${account.pharma}`,
      },
    ]);
    const { opportunity } = await as(rep, `query($id: ID!) { opportunity(id: $id) { buyingCommittee { role isPrimary contact { name jobTitle account { name } } } } }`, { id: dealId });
    expect(opportunity.buyingCommittee).toEqual([
      { role: 'CHAMPION', isPrimary: true, contact: { name: 'Olivia Ops', jobTitle: 'VP of Operations', account: { name: 'Umbrella Pharma' } } },
      { role: 'DECISION_MAKER', isPrimary: false, contact: { name: 'Albert Wesker', jobTitle: 'Chief Executive Officer', account: { name: 'Umbrella Holding' } } },
      { role: 'ECONOMIC_BUYER', isPrimary: false, contact: { name: 'Carla Finch', jobTitle: 'Chief Financial Officer', account: { name: 'Umbrella Pharma' } } },
    ]);
  });

  it('shows who was engaged within the window, who was not, and the roles nobody holds', async () => {
    const log = (contactId: string, type: string, subject: string, occurredAt: string) =>
      as(rep, `mutation($input: CreateActivityInput!) { createActivity(input: $input) { occurredAt } }`, {
        input: { type, subject, contactId, accountId: account.pharma, opportunityId: dealId, occurredAt },
      });
    const ceoCall = (await log(contact.groupCeo, 'CALL', 'Group sign-off process', ago(3))).createActivity.occurredAt;
    const opsMail = (await log(contact.pharmaOps, 'EMAIL', 'Internal pitch deck', ago(1))).createActivity.occurredAt;
    const cfoMeeting = (await log(contact.pharmaCfo, 'MEETING', 'Budget kick-off', ago(60))).createActivity.occurredAt;

    const { opportunity } = await as(rep, `query($id: ID!) {
      opportunity(id: $id) {
        name
        committeeCoverage {
          days
          engaged { contact { name } role lastEngagedAt }
          notEngaged { contact { name } role lastEngagedAt }
          missingRoles
        }
      }
    }`, { id: dealId });
    expect(opportunity.committeeCoverage).toEqual({
      days: 30,
      engaged: [
        { contact: { name: 'Olivia Ops' }, role: 'CHAMPION', lastEngagedAt: opsMail },
        { contact: { name: 'Albert Wesker' }, role: 'DECISION_MAKER', lastEngagedAt: ceoCall },
      ],
      notEngaged: [{ contact: { name: 'Carla Finch' }, role: 'ECONOMIC_BUYER', lastEngagedAt: cfoMeeting }],
      missingRoles: ['TECHNICAL_EVALUATOR'],
    });
    const wider = await as(rep, `query($id: ID!) { opportunity(id: $id) { committeeCoverage(days: 90) { notEngaged { role } } } }`, { id: dealId });
    expect(wider.opportunity.committeeCoverage.notEngaged).toEqual([]);
    const bad = await platform.as(rep).call(`query($id: ID!) { opportunity(id: $id) { committeeCoverage(days: 400) { days } } }`, { id: dealId });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('costs the same SQL queries and subgraph requests for the coverage of 3 deals as of 10', async () => {
    for (let i = 0; i < 9; i++) {
      const id = await createDeal(`Umbrella Pharma - Module ${i}`);
      await addMember({ opportunityId: id, contactId: contact.pharmaCto, role: 'TECHNICAL_EVALUATOR' });
      await addMember({ opportunityId: id, contactId: contact.groupCeo, role: 'DECISION_MAKER' });
    }
    const query = `query($first: Int!, $accountId: ID!) {
      opportunities(first: $first, filter: { accountId: $accountId }) {
        edges { node { name buyingCommittee { role contact { name } } committeeCoverage(days: 30) { engaged { contact { name } } notEngaged { contact { name } } missingRoles } } }
      }
    }`;
    const cost = async (first: number) => {
      const queriesBefore = await sqlQueriesSoFar(platform.subgraphUrls);
      const requestsBefore = await subgraphRequestsSoFar(platform.subgraphUrls);
      const data = await as(rep, query, { first, accountId: account.pharma });
      expect(data.opportunities.edges).toHaveLength(first);
      for (const { node } of data.opportunities.edges) {
        const coverage = node.committeeCoverage;
        expect(coverage.engaged.length + coverage.notEngaged.length).toBe(node.buyingCommittee.length);
      }
      return {
        queries: (await sqlQueriesSoFar(platform.subgraphUrls)) - queriesBefore,
        requests: (await subgraphRequestsSoFar(platform.subgraphUrls)) - requestsBefore,
      };
    };
    const small = await cost(3);
    const large = await cost(10);
    expect(large).toEqual(small);
    // opportunities (the page with its committees), activities (the coverage of all deals at once), and
    // accounts for the names (members, engaged and not engaged people: one fetch per path of the plan).
    expect(small.requests).toBeLessThanOrEqual(5);
  });

  it('answers SERVICE_UNAVAILABLE and writes nothing while the accounts subgraph is down', async () => {
    await platform.halt('accounts');
    try {
      const response = await addMember({ opportunityId: dealId, contactId: contact.pharmaCto, role: 'TECHNICAL_EVALUATOR' });
      expect(response.errors?.[0].extensions).toEqual(expect.objectContaining({ code: 'SERVICE_UNAVAILABLE', retryable: true }));
    } finally {
      await platform.launch('accounts');
    }
    const { opportunity } = await as(rep, `query($id: ID!) { opportunity(id: $id) { committeeCoverage { missingRoles } buyingCommittee { role } } }`, { id: dealId });
    expect(opportunity.buyingCommittee).toHaveLength(3);
    expect(opportunity.committeeCoverage.missingRoles).toEqual(['TECHNICAL_EVALUATOR']);
  });

  it('keeps the deal and its committee readable when a member\'s contact is deleted: that member\'s contact is null', async () => {
    await as(rep, `mutation($id: ID!) { deleteContact(id: $id) { id } }`, { id: contact.pharmaCfo });
    const { opportunity } = await as(rep, `query($id: ID!) {
      opportunity(id: $id) { name buyingCommittee { role contact { name } } committeeCoverage { notEngaged { role contact { name } } } }
    }`, { id: dealId });
    expect(opportunity.name).toBe('Umbrella Pharma - CRM Enterprise');
    expect(opportunity.buyingCommittee).toContainEqual({ role: 'ECONOMIC_BUYER', contact: null });
    expect(opportunity.committeeCoverage.notEngaged).toEqual([{ role: 'ECONOMIC_BUYER', contact: null }]);
  });
});
