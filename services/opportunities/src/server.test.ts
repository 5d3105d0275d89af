import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { generateBook } from '@crm/demo-data';
import { dbQueriesTotal, readConfig, UserRole } from '@crm/kernel';
import { runSeed, type ServiceHandle } from '@crm/kernel/subgraph';
import { startServiceUnderTest, testLogger, testToken, withTestDatabase, type ServiceUnderTest } from '@crm/testing';
import { loadConfig } from './config';
import { opportunitiesSeed } from './seed';
import { NEW_BUSINESS_STAGES, RENEWAL_STAGES } from './pipelines/pipeline-stages.fixture';
import { start } from './server';

const OPPORTUNITY_FIELDS = `id name version closedAt expectedCloseDate amount { amount currency } weightedAmount { amount currency }
  account { id } owner { id } pipeline { name } stage { name kind }
  stageHistory { changedAt changedBy { id } fromStage { name } toStage { name } }`;

describe('opportunities subgraph against a real PostgreSQL', () => {
  let service: ServiceUnderTest<ServiceHandle>;
  const adminId = randomUUID();
  const repId = randomUUID();
  const tokens = {} as Record<'admin' | 'rep' | 'analyst', string>;
  /** Stage ids by name, across both pipelines (names are unique across them in this test). */
  const stage: Record<string, string> = {};
  let newBusinessId: string;
  let renewalsId: string;
  /** Moves into a LOST stage need a lost reason; `move` sends this one. */
  let lostReasonId: string;

  const call = (query: string, variables?: Record<string, unknown>, token = tokens.admin) => service.as(token).call(query, variables);
  const ok = (query: string, variables?: Record<string, unknown>, token = tokens.admin) => service.as(token).ok(query, variables);
  const count = async (table: string): Promise<number> => Number((await service.handle.db.query(`SELECT count(*)::int AS n FROM opportunities.${table}`))[0].n);
  const createDeal = async (input: Record<string, unknown> = {}, token = tokens.admin) => {
    const response = await call(
      `mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { ${OPPORTUNITY_FIELDS} } }`,
      { input: { name: 'Deal', accountId: randomUUID(), amount: { amount: '1000.00', currency: 'EUR' }, expectedCloseDate: '2026-12-31', ...input } },
      token,
    );
    expect(response.errors).toBeUndefined();
    return response.data.createOpportunity;
  };
  const move = (opportunityId: string, stageName: string, expectedVersion?: number, token = tokens.admin) =>
    call(
      `mutation($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { ${OPPORTUNITY_FIELDS} } }`,
      { input: { opportunityId, stageId: stage[stageName], expectedVersion, ...(stageName === 'Closed Lost' ? { lostReasonId } : {}) } },
      token,
    );
  const createPipeline = (input: Record<string, unknown>, token = tokens.admin) =>
    call(`mutation($input: CreatePipelineInput!) { createPipeline(input: $input) { id name isDefault stages { id name position kind probability pipeline { name } } } }`, { input }, token);

  beforeAll(async () => {
    service = await startServiceUnderTest({ loadConfig, start });
    tokens.admin = await testToken({ userId: adminId, role: UserRole.ADMIN });
    tokens.rep = await testToken({ userId: repId, role: UserRole.REP, email: 'rep@crm.example' });
    tokens.analyst = await testToken({ userId: randomUUID(), role: UserRole.ANALYST, email: 'analyst@crm.example' });
    for (const [name, stages] of [['New Business', NEW_BUSINESS_STAGES], ['Renewals', RENEWAL_STAGES]] as const) {
      const { data, errors } = await createPipeline({ name, stages });
      expect(errors).toBeUndefined();
      for (const s of data.createPipeline.stages) stage[s.name] = s.id;
      if (name === 'New Business') newBusinessId = data.createPipeline.id;
      else renewalsId = data.createPipeline.id;
    }
    lostReasonId = (await call(`mutation { createLostReason(input: { name: "Price" }) { id } }`)).data.createLostReason.id;
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('refuses requests without a valid bearer token', async () => {
    const response = await service.as(undefined).call('{ opportunities { totalCount } }');
    expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const forged = await service.as(`${tokens.admin.slice(0, -4)}AAAA`).call('{ opportunities { totalCount } }');
    expect(forged.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('sets up pipelines with ordered stages and keeps exactly one default', async () => {
    const { data } = await call(`{ pipelines { totalCount edges { node { id name isDefault stages { name position kind probability } } } } }`);
    expect(data.pipelines.totalCount).toBe(2);
    const [newBusiness, renewals] = data.pipelines.edges.map((e: any) => e.node);
    // The first pipeline became the default by itself; stages come back in the order given.
    expect(newBusiness).toMatchObject({ name: 'New Business', isDefault: true });
    expect(newBusiness.stages.map((s: any) => [s.name, s.position])).toEqual(NEW_BUSINESS_STAGES.map((s, i) => [s.name, i]));
    expect(renewals).toMatchObject({ name: 'Renewals', isDefault: false });

    const switched = await call(`mutation($id: ID!) { updatePipeline(id: $id, input: { isDefault: true }) { isDefault } }`, { id: renewalsId });
    expect(switched.data.updatePipeline.isDefault).toBe(true);
    expect(await service.handle.db.query(`SELECT name FROM opportunities.pipelines WHERE is_default`)).toEqual([{ name: 'Renewals' }]);

    const unset = await call(`mutation($id: ID!) { updatePipeline(id: $id, input: { isDefault: false }) { isDefault } }`, { id: renewalsId });
    expect(unset.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ field: 'input.isDefault' }] });

    const back = await call(`mutation($id: ID!) { updatePipeline(id: $id, input: { isDefault: true, name: "New Business" }) { name isDefault } }`, { id: newBusinessId });
    expect(back.data.updatePipeline).toEqual({ name: 'New Business', isDefault: true });
    expect(await service.handle.db.query(`SELECT name FROM opportunities.pipelines WHERE is_default`)).toEqual([{ name: 'New Business' }]);
  });

  it('refuses pipeline changes from reps and analysts with FORBIDDEN', async () => {
    for (const token of [tokens.rep, tokens.analyst]) {
      const created = await createPipeline({ name: 'Shadow', stages: RENEWAL_STAGES }, token);
      expect(created.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const renamed = await call(`mutation($id: ID!) { updatePipeline(id: $id, input: { name: "Mine" }) { name } }`, { id: newBusinessId }, token);
      expect(renamed.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect(await count('pipelines')).toBe(2);
  });

  it('refuses a pipeline without OPEN, WON and LOST stages, with duplicate stage names or a taken name, naming each problem', async () => {
    const incomplete = await createPipeline({
      name: 'Half a process',
      stages: [
        { name: 'Intro', kind: 'OPEN', probability: 10 },
        { name: 'intro ', kind: 'OPEN', probability: 20 },
        { name: 'Signed', kind: 'WON', probability: 90 },
      ],
    });
    expect(incomplete.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(incomplete.errors?.[0].extensions?.problems.map((p: { field: string }) => p.field)).toEqual([
      'input.stages',
      'input.stages.1.name',
      'input.stages.2.probability',
    ]);
    expect(incomplete.errors?.[0].message).toContain('got no LOST stage');

    const invalid = await createPipeline({ name: '', stages: [{ name: 'X', kind: 'OPEN', probability: 101 }] });
    expect(invalid.errors?.[0].extensions?.problems.map((p: { field: string }) => p.field)).toEqual(
      expect.arrayContaining(['name', 'stages.0.probability']),
    );

    const taken = await createPipeline({ name: 'Renewals', stages: RENEWAL_STAGES });
    expect(taken.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ field: 'input.name' }] });
    expect(await count('pipelines')).toBe(2);
    expect(await count('stages')).toBe(NEW_BUSINESS_STAGES.length + RENEWAL_STAGES.length);
  });

  it('creates an opportunity in the first open stage of the default pipeline, owned by the caller, with its first stage change', async () => {
    const accountId = randomUUID();
    const deal = await createDeal({ name: 'Globex - CRM Enterprise', accountId, amount: { amount: '125000.50', currency: 'usd' }, expectedCloseDate: '2027-03-31' });
    expect(deal).toMatchObject({
      name: 'Globex - CRM Enterprise',
      version: 1,
      closedAt: null,
      expectedCloseDate: '2027-03-31',
      amount: { amount: '125000.50', currency: 'USD' },
      weightedAmount: { amount: '12500.05', currency: 'USD' },
      account: { id: accountId },
      owner: { id: adminId },
      pipeline: { name: 'New Business' },
      stage: { name: 'Qualification', kind: 'OPEN' },
      stageHistory: [{ changedBy: { id: adminId }, fromStage: null, toStage: { name: 'Qualification' } }],
    });
    const read = await call(`query($id: ID!) { opportunity(id: $id) { name } }`, { id: deal.id });
    expect(read.data.opportunity.name).toBe('Globex - CRM Enterprise');

    // A named stage brings its pipeline along; a stage that is WON from the start is closed from the start.
    const renewal = await createDeal({ stageId: stage['Renewed'], ownerId: repId }, tokens.rep);
    expect(renewal).toMatchObject({ pipeline: { name: 'Renewals' }, stage: { name: 'Renewed' }, owner: { id: repId } });
    expect(renewal.closedAt).toBe(renewal.stageHistory[0].changedAt);
  });

  it('answers bad input with BAD_USER_INPUT naming each field and writes nothing', async () => {
    const before = [await count('opportunities'), await count('stage_changes')];
    const create = (input: Record<string, unknown>) =>
      call(`mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id } }`, {
        input: { name: 'Deal', accountId: randomUUID(), amount: { amount: '10.00', currency: 'EUR' }, expectedCloseDate: '2026-12-31', ...input },
      });

    const invalid = await create({ name: '', accountId: 'acme', amount: { amount: '12.345', currency: 'EURO' } });
    expect(invalid.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(invalid.errors?.[0].extensions?.problems.map((p: { field: string }) => p.field)).toEqual(
      expect.arrayContaining(['name', 'accountId', 'amount.amount', 'amount.currency']),
    );
    expect(JSON.stringify(invalid)).not.toMatch(/stack|SELECT|INSERT/);

    const badDate = await create({ expectedCloseDate: '2026-02-30' });
    expect(badDate.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(badDate.errors?.[0].message).toContain('2026-02-30');

    const wrongPipeline = await create({ pipelineId: newBusinessId, stageId: stage['Renewal Due'] });
    expect(wrongPipeline.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ field: 'input.stageId' }] });
    expect(wrongPipeline.errors?.[0].message).toMatch(/expected a stage of pipeline "New Business".*got stage "Renewal Due" of pipeline "Renewals"/);

    const unknownPipeline = await create({ pipelineId: randomUUID() });
    expect(unknownPipeline.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ field: 'input.pipelineId' }] });

    const analyst = await call(`mutation { createOpportunity(input: { name: "x", accountId: "${randomUUID()}", amount: { amount: "1", currency: "EUR" }, expectedCloseDate: "2026-12-31" }) { id } }`, {}, tokens.analyst);
    expect(analyst.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    expect([await count('opportunities'), await count('stage_changes')]).toEqual(before);
  });

  it('moves an opportunity through its stages, recording each move and setting closedAt only while won or lost', async () => {
    const deal = await createDeal({ amount: { amount: '80000.00', currency: 'EUR' }, ownerId: repId });
    const proposal = await move(deal.id, 'Proposal', 1);
    expect(proposal.errors).toBeUndefined();
    expect(proposal.data.moveOpportunityStage).toMatchObject({ version: 2, closedAt: null, stage: { name: 'Proposal' }, weightedAmount: { amount: '40000.00' } });

    const won = (await move(deal.id, 'Closed Won', 2)).data.moveOpportunityStage;
    expect(won).toMatchObject({ version: 3, stage: { kind: 'WON' }, weightedAmount: { amount: '80000.00' } });
    expect(won.closedAt).toBe(won.stageHistory[2].changedAt);

    const reopened = (await move(deal.id, 'Negotiation', 3, tokens.rep)).data.moveOpportunityStage;
    expect(reopened).toMatchObject({ version: 4, closedAt: null, stage: { name: 'Negotiation' } });

    const lost = (await move(deal.id, 'Closed Lost')).data.moveOpportunityStage;
    expect(lost).toMatchObject({ version: 5, stage: { kind: 'LOST' }, weightedAmount: { amount: '0.00' } });
    expect(lost.closedAt).not.toBeNull();
    expect(lost.stageHistory.map((c: any) => [c.fromStage?.name ?? null, c.toStage.name, c.changedBy.id])).toEqual([
      [null, 'Qualification', adminId],
      ['Qualification', 'Proposal', adminId],
      ['Proposal', 'Closed Won', adminId],
      ['Closed Won', 'Negotiation', repId],
      ['Negotiation', 'Closed Lost', adminId],
    ]);
    const times = lost.stageHistory.map((c: any) => Date.parse(c.changedAt));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('treats a move to the current stage as a no-op that records nothing', async () => {
    const deal = await createDeal();
    const same = await move(deal.id, 'Qualification', 1);
    expect(same.errors).toBeUndefined();
    expect(same.data.moveOpportunityStage).toEqual(deal);
  });

  it('refuses a stage of another pipeline, naming input.stageId, and changes nothing', async () => {
    const deal = await createDeal();
    const response = await move(deal.id, 'Renewed', 1);
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ field: 'input.stageId' }] });
    expect(response.errors?.[0].message).toContain('input.stageId');
    const unknown = await call(`mutation($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { id } }`, {
      input: { opportunityId: deal.id, stageId: randomUUID() },
    });
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ field: 'input.stageId' }] });
    const missing = await call(`mutation($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { id } }`, {
      input: { opportunityId: randomUUID(), stageId: stage['Proposal'] },
    });
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const read = await call(`query($id: ID!) { opportunity(id: $id) { version stageHistory { id } } }`, { id: deal.id });
    expect(read.data.opportunity).toEqual({ version: 1, stageHistory: [expect.anything()] });
  });

  it('answers ids that are not UUIDs as ids that do not exist', async () => {
    const read = await call(`{ opportunity(id: "deal-1") { id } pipeline(id: "main") { id } }`);
    expect(read).toMatchObject({ data: { opportunity: null, pipeline: null } });
    expect(read.errors).toBeUndefined();
    const update = await call(`mutation { updateOpportunity(id: "deal-1", input: { name: "x" }) { id } }`);
    expect(update.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', type: 'Opportunity', id: 'deal-1' });
    const rename = await call(`mutation { updatePipeline(id: "main", input: { name: "x" }) { id } }`);
    expect(rename.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', type: 'Pipeline', id: 'main' });
    const move = await call(`mutation { moveOpportunityStage(input: { opportunityId: "deal-1", stageId: "won" }) { id } }`);
    expect(move.errors?.[0].extensions?.problems.map((p: { field: string }) => p.field)).toEqual(['opportunityId', 'stageId']);
  });

  it('refuses a stale expectedVersion with CONFLICT and the current version', async () => {
    const deal = await createDeal();
    expect((await move(deal.id, 'Discovery', 1)).data.moveOpportunityStage.version).toBe(2);
    const staleMove = await move(deal.id, 'Proposal', 1);
    expect(staleMove.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    expect(staleMove.errors?.[0].message).toMatch(/expected version 1, current version 2/);
    // Even a move to the stage the deal is already in: the caller's view is out of date.
    expect((await move(deal.id, 'Discovery', 1)).errors?.[0].extensions?.code).toBe('CONFLICT');
    const staleUpdate = await call(`mutation($id: ID!) { updateOpportunity(id: $id, input: { name: "Renamed", expectedVersion: 1 }) { name } }`, { id: deal.id });
    expect(staleUpdate.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    const read = await call(`query($id: ID!) { opportunity(id: $id) { name version stageHistory { id } } }`, { id: deal.id });
    expect(read.data.opportunity).toMatchObject({ name: 'Deal', version: 2 });
    expect(read.data.opportunity.stageHistory).toHaveLength(2);
  });

  it('changes fields and moves the stage through updateOpportunity exactly like moveOpportunityStage', async () => {
    const deal = await createDeal();
    const newAccount = randomUUID();
    const response = await call(`mutation($id: ID!, $input: UpdateOpportunityInput!) { updateOpportunity(id: $id, input: $input) { ${OPPORTUNITY_FIELDS} } }`, {
      id: deal.id,
      input: { name: 'Renamed', accountId: newAccount, ownerId: repId, amount: { amount: '3333.33', currency: 'gbp' }, expectedCloseDate: '2027-01-15', stageId: stage['Closed Won'], expectedVersion: 1 },
    });
    expect(response.errors).toBeUndefined();
    const updated = response.data.updateOpportunity;
    expect(updated).toMatchObject({
      name: 'Renamed',
      version: 2,
      account: { id: newAccount },
      owner: { id: repId },
      amount: { amount: '3333.33', currency: 'GBP' },
      weightedAmount: { amount: '3333.33', currency: 'GBP' },
      expectedCloseDate: '2027-01-15',
      stage: { name: 'Closed Won' },
    });
    expect(updated.stageHistory.map((c: any) => [c.fromStage?.name ?? null, c.toStage.name])).toEqual([
      [null, 'Qualification'],
      ['Qualification', 'Closed Won'],
    ]);
    expect(updated.closedAt).toBe(updated.stageHistory[1].changedAt);

    const nulls = await call(`mutation($id: ID!) { updateOpportunity(id: $id, input: { name: null, stageId: null }) { id } }`, { id: deal.id });
    expect(nulls.errors?.[0].extensions?.problems.map((p: { field: string }) => p.field)).toEqual(['input.name', 'input.stageId']);
    const crossPipeline = await call(`mutation($id: ID!, $s: ID!) { updateOpportunity(id: $id, input: { stageId: $s, name: "Not this" }) { id } }`, { id: deal.id, s: stage['Churned'] });
    expect(crossPipeline.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ field: 'input.stageId' }] });
    const read = await call(`query($id: ID!) { opportunity(id: $id) { name version } }`, { id: deal.id });
    expect(read.data.opportunity).toEqual({ name: 'Renamed', version: 2 });
  });

  it('lets exactly one of two concurrent moves from the same version win, and records only that one', async () => {
    for (let round = 0; round < 5; round++) {
      const deal = await createDeal({ ownerId: repId });
      const results = await Promise.all([move(deal.id, 'Discovery', 1), move(deal.id, 'Proposal', 1, tokens.rep)]);
      const winners = results.filter((r) => !r.errors);
      const losers = results.filter((r) => r.errors);
      expect(winners).toHaveLength(1);
      expect(losers.map((r) => r.errors?.[0].extensions)).toEqual([expect.objectContaining({ code: 'CONFLICT', currentVersion: 2 })]);
      const read = await call(`query($id: ID!) { opportunity(id: $id) { version stage { name } stageHistory { toStage { name } } } }`, { id: deal.id });
      const winner = winners[0].data.moveOpportunityStage.stage.name;
      expect(read.data.opportunity).toEqual({
        version: 2,
        stage: { name: winner },
        stageHistory: [{ toStage: { name: 'Qualification' } }, { toStage: { name: winner } }],
      });
    }
  });

  it('serialises concurrent moves without expectedVersion, so the history still chains stage to stage', async () => {
    const deal = await createDeal();
    const results = await Promise.all(['Discovery', 'Proposal', 'Negotiation'].map((name) => move(deal.id, name)));
    expect(results.map((r) => r.errors)).toEqual([undefined, undefined, undefined]);
    const read = await call(`query($id: ID!) { opportunity(id: $id) { version stage { name } stageHistory { fromStage { name } toStage { name } } } }`, { id: deal.id });
    const history = read.data.opportunity.stageHistory;
    expect(read.data.opportunity.version).toBe(4);
    expect(history).toHaveLength(4);
    for (let i = 1; i < history.length; i++) expect(history[i].fromStage.name).toBe(history[i - 1].toStage.name);
    expect(read.data.opportunity.stage.name).toBe(history[3].toStage.name);
  });

  it('pages through a filtered list with cursors, without gaps or repeats', async () => {
    const accountId = randomUUID();
    const amounts = ['500.00', '1500.00', '2500.00', '2500.00', '9000.99', '12000.00', '75000.00'];
    for (const [i, amount] of amounts.entries()) {
      await createDeal({ name: `Paged ${i}`, accountId, amount: { amount, currency: 'EUR' }, expectedCloseDate: `2027-0${(i % 3) + 1}-10` });
    }
    await createDeal({ name: 'Paged in dollars', accountId, amount: { amount: '5000.00', currency: 'USD' } });
    const closed = await createDeal({ name: 'Paged and won', accountId, amount: { amount: '5000.00', currency: 'EUR' } });
    await move(closed.id, 'Closed Won');

    const pageAll = async (filter: Record<string, unknown>, orderBy?: Record<string, unknown>, first = 3) => {
      const seen: string[] = [];
      let after: string | null = null;
      let total = -1;
      do {
        const page: any = await call(
          `query($filter: OpportunityFilter, $orderBy: OpportunityOrder, $first: Int!, $after: String) {
             opportunities(first: $first, after: $after, filter: $filter, orderBy: $orderBy) { totalCount edges { node { name } } pageInfo { hasNextPage endCursor } } }`,
          { filter: { accountId, ...filter }, orderBy, first, after },
        );
        expect(page.errors).toBeUndefined();
        total = page.data.opportunities.totalCount;
        seen.push(...page.data.opportunities.edges.map((e: any) => e.node.name));
        after = page.data.opportunities.pageInfo.hasNextPage ? page.data.opportunities.pageInfo.endCursor : null;
      } while (after);
      expect(seen).toHaveLength(total);
      return seen;
    };

    // 2500.00 twice: ties are broken by id, so only their relative place is fixed.
    const byAmount = await pageAll({ currency: 'EUR', stageKind: 'OPEN', minAmount: '1500', maxAmount: '12000.00' }, { field: 'AMOUNT', direction: 'DESC' }, 2);
    expect(byAmount.slice(0, 2)).toEqual(['Paged 5', 'Paged 4']);
    expect(byAmount.slice(2, 4).sort()).toEqual(['Paged 2', 'Paged 3']);
    expect(byAmount[4]).toBe('Paged 1');

    expect((await pageAll({ search: 'PAGED', expectedCloseFrom: '2027-02-01', expectedCloseTo: '2027-02-28' })).sort()).toEqual(['Paged 1', 'Paged 4']);
    expect(await pageAll({ stageKind: 'WON' })).toEqual(['Paged and won']);
    expect(await pageAll({ currency: 'usd' })).toEqual(['Paged in dollars']);
    expect(await pageAll({ pipelineId: renewalsId })).toEqual([]);
    expect(await pageAll({ stageId: stage['Closed Won'], ownerId: adminId })).toEqual(['Paged and won']);
    expect(await pageAll({ search: '100%' })).toEqual([]);

    // Every order, both directions, paged two at a time, equals the same list fetched in one page.
    for (const field of ['NAME', 'AMOUNT', 'EXPECTED_CLOSE_DATE', 'CREATED_AT', 'UPDATED_AT']) {
      for (const direction of ['ASC', 'DESC']) {
        const paged = await pageAll({}, { field, direction }, 2);
        expect(paged).toEqual(await pageAll({}, { field, direction }, 100));
        expect(new Set(paged).size).toBe(amounts.length + 2);
      }
    }
  });

  it('refuses bad filters and a page larger than the documented maximum', async () => {
    const tooMany = await call('{ opportunities(first: 101) { totalCount } }');
    expect(tooMany.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const filter = await call(`{ opportunities(filter: { minAmount: "lots", currency: "EURO", accountId: "acme" }) { totalCount } }`);
    expect(filter.errors?.[0].extensions?.problems.map((p: { field: string }) => p.field)).toEqual(
      expect.arrayContaining(['filter.minAmount', 'filter.currency', 'filter.accountId']),
    );
  });

  it('adds opportunities and the open pipeline value per currency to accounts resolved through _entities', async () => {
    const globex = randomUUID();
    const initech = randomUUID();
    await createDeal({ name: 'Globex A', accountId: globex, amount: { amount: '100.50', currency: 'EUR' } });
    await createDeal({ name: 'Globex B', accountId: globex, amount: { amount: '200.25', currency: 'EUR' }, stageId: stage['Negotiation'] });
    await createDeal({ name: 'Globex C', accountId: globex, amount: { amount: '50.00', currency: 'USD' } });
    await createDeal({ name: 'Globex won', accountId: globex, amount: { amount: '999.00', currency: 'EUR' }, stageId: stage['Closed Won'] });
    await createDeal({ name: 'Globex lost', accountId: globex, amount: { amount: '888.00', currency: 'USD' }, stageId: stage['Closed Lost'], lostReasonId });
    const response = await call(
      `query($reps: [_Any!]!) { _entities(representations: $reps) {
         ... on Account { id openPipelineValue { amount currency } opportunities(first: 2, orderBy: { field: AMOUNT, direction: DESC }, filter: { stageKind: OPEN }) {
           totalCount edges { node { name account { id } } } pageInfo { hasNextPage } } }
         ... on Opportunity { name stage { name } } } }`,
      {
        reps: [
          { __typename: 'Account', id: globex },
          { __typename: 'Account', id: initech },
        ],
      },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data._entities).toEqual([
      {
        id: globex,
        openPipelineValue: [
          { amount: '300.75', currency: 'EUR' },
          { amount: '50.00', currency: 'USD' },
        ],
        opportunities: {
          totalCount: 3,
          edges: [{ node: { name: 'Globex B', account: { id: globex } } }, { node: { name: 'Globex A', account: { id: globex } } }],
          pageInfo: { hasNextPage: true },
        },
      },
      { id: initech, openPipelineValue: [], opportunities: { totalCount: 0, edges: [], pageInfo: { hasNextPage: false } } },
    ]);

    const opportunities = await call(`query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Opportunity { name stage { name } } } }`, {
      reps: [{ __typename: 'Opportunity', id: (await createDeal({ name: 'Referenced' })).id }, { __typename: 'Opportunity', id: randomUUID() }],
    });
    expect(opportunities.data._entities).toEqual([{ name: 'Referenced', stage: { name: 'Qualification' } }, null]);
  });

  it('loads pages of opportunities and of accounts\' opportunities in a constant number of queries', async () => {
    const accounts: string[] = [];
    for (let i = 0; i < 12; i++) {
      const accountId = randomUUID();
      accounts.push(accountId);
      const deal = await createDeal({ name: `Batch ${String(i).padStart(2, '0')}`, accountId, amount: { amount: `${1000 + i}.00`, currency: i % 2 ? 'EUR' : 'USD' } });
      await move(deal.id, 'Discovery');
    }
    const queries = async (operation: string, variables: Record<string, unknown>, check: (data: any) => void) => {
      const before = (await dbQueriesTotal.get()).values[0].value;
      const data = await ok(operation, variables);
      check(data);
      return (await dbQueriesTotal.get()).values[0].value - before;
    };
    const page = (first: number) =>
      queries(
        `query($first: Int!) { opportunities(first: $first, filter: { search: "batch" }, orderBy: { field: NAME }) { totalCount edges { node {
           name amount { amount currency } weightedAmount { amount currency } account { id } owner { id }
           stage { name probability pipeline { name } } pipeline { name isDefault stages { name kind } }
           stageHistory { changedAt changedBy { id } fromStage { name } toStage { name } } } } } }`,
        { first },
        (data) => {
          expect(data.opportunities.edges).toHaveLength(first);
          expect(data.opportunities.edges[0].node.weightedAmount).toEqual({ amount: '250.00', currency: 'USD' });
        },
      );
    expect(await page(12)).toBe(await page(3));

    const nested = (n: number) =>
      queries(
        `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Account { openPipelineValue { amount currency }
           opportunities(first: 2) { totalCount edges { node { name weightedAmount { amount } stage { name } stageHistory { toStage { name } } } } } } } }`,
        { reps: accounts.slice(0, n).map((id) => ({ __typename: 'Account', id })) },
        (data) => {
          expect(data._entities).toHaveLength(n);
          expect(data._entities[1].openPipelineValue).toEqual([{ amount: '1001.00', currency: 'EUR' }]);
        },
      );
    expect(await nested(12)).toBe(await nested(3));
  });
});

describe('opportunities demo seed', () => {
  it('loads the demo book\'s pipelines, stages, lost reasons, opportunities and stage history once', async () => {
    await withTestDatabase(async (database) => {
      const options = { scale: 0.2, seed: 7 };
      expect(await runSeed(opportunitiesSeed, database.url, options, testLogger)).toBe(true);
      expect(await runSeed(opportunitiesSeed, database.url, options, testLogger)).toBe(false);
      const book = generateBook(options);
      // On the seeded database, which withTestDatabase drops afterwards.
      const service = await startServiceUnderTest({ loadConfig, start, database });
      try {
        const { data, errors } = await service.call(
          `{ pipelines { totalCount } lostReasons(includeInactive: true) { name active }
             opportunities(first: 100) { totalCount edges { node { stage { kind } closedAt lostReason { active } stageHistory { toStage { id } lostReason { name } } stage { id } } } } }`,
        );
        expect(errors).toBeUndefined();
        expect(data.pipelines.totalCount).toBe(book.pipelines.length);
        expect(data.opportunities.totalCount).toBe(book.opportunities.length);
        expect(data.lostReasons).toEqual(book.lostReasons.map(({ name, active }) => ({ name, active })).sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name)));
        for (const { node } of data.opportunities.edges) {
          expect(node.closedAt === null).toBe(node.stage.kind === 'OPEN');
          const last = node.stageHistory[node.stageHistory.length - 1];
          expect(last.toStage.id).toBe(node.stage.id);
          // Lost deals carry an active reason, on the deal and on the move that lost it.
          expect(node.lostReason === null ? null : node.lostReason.active).toBe(node.stage.kind === 'LOST' ? true : null);
          expect(last.lostReason !== null).toBe(node.stage.kind === 'LOST');
        }
        const [{ n }] = await service.handle.db.query('SELECT count(*)::int AS n FROM opportunities.stage_changes');
        expect(n).toBe(book.stageChanges.length);
      } finally {
        await service.stop();
      }
    });
  });
});

describe('opportunities configuration', () => {
  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x', PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ PORT: '4002' })).toThrow(/DATABASE_URL/);
    expect(() => readConfig({ NODE_ENV: 'production' }, {})).toThrow(/JWT_SECRET/);
  });

  it('listens on 4002 by default', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://x' }).PORT).toBe(4002);
  });
});
