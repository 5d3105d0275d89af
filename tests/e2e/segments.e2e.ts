import { eventually, startPlatform, testToken, withDatabaseClient, type Platform } from '@crm/testing';
import { UserRole } from '@crm/kernel';
import { parse } from 'csv-parse/sync';

const DAY = 86_400_000;
const HEADER =
  'account_id,name,market,tier,lifecycle,country,industry,annual_revenue,annual_revenue_currency,owner_email,last_interaction_at,contact_name,contact_email,contact_phone';

/** Largest `process_resident_memory_bytes` of a subgraph's /metrics, sampled every 25 ms while `work` runs. */
async function peakRss<T>(subgraphUrl: string, work: () => Promise<T>): Promise<{ result: T; baseline: number; peak: number }> {
  const rss = async () => {
    const text = await (await fetch(new URL('/metrics', subgraphUrl))).text();
    return Number(text.split('\n').find((line) => line.startsWith('process_resident_memory_bytes '))?.split(' ')[1] ?? NaN);
  };
  const baseline = await rss();
  let peak = baseline;
  let running = true;
  const sampler = (async () => {
    while (running) {
      peak = Math.max(peak, await rss());
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  })();
  try {
    const result = await work();
    return { result, baseline, peak };
  } finally {
    running = false;
    await sampler;
  }
}

/**
 * B2C segments across the three subgraphs, through the gateway: a segment over accounts (accounts),
 * their last interaction (logged in activities, replicated by `interactionLogged`) and their open
 * pipeline (a deal in opportunities, replicated by `openPipelineChanged`); the preview equals the saved
 * count; the CSV export streams through the gateway from the accounts subgraph's signed endpoint.
 */
describe('segments through the gateway: rules over accounts, interactions and open pipeline, and the streamed CSV export', () => {
  let platform: Platform;
  let admin: string;
  let analyst: string;
  const ids: Record<string, string> = {};
  const exportUrl = (id: string) => new URL(`/exports/segments/${id}.csv`, platform.gatewayUrl).toString();
  const csv = async (id: string, token = admin) => {
    const response = await fetch(exportUrl(id), { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    return { response, text: await response.text() };
  };

  /** Consumers recently talked to (within 7 days) with at least 1 000 EUR in open deals. */
  const RULES = {
    all: [
      { field: 'MARKET', operator: 'EQ', values: ['CONSUMER'] },
      { field: 'LAST_INTERACTION_DAYS', operator: 'LTE', values: ['7'] },
      { field: 'OPEN_PIPELINE', operator: 'GTE', values: ['1000'], currency: 'EUR' },
    ],
  };
  const PREVIEW = `query($rules: SegmentRulesInput!) { segmentPreview(rules: $rules, first: 50) { memberCount members { name } } }`;

  beforeAll(async () => {
    platform = await startPlatform();
    admin = await testToken();
    analyst = await testToken({ userId: '00000000-0000-4000-8000-0000000000a1', role: UserRole.ANALYST, email: 'analyst@crm.example' });
    const user = await platform.as(admin).ok(`mutation { createUser(input: { email: "kim@crm.example", firstName: "Kim", lastName: "Owner", role: REP }) { id } }`);
    for (const [name, market] of [
      ['Alpha, "Family" Home', 'CONSUMER'],
      ['Beta Household', 'CONSUMER'],
      ['Gamma Household', 'CONSUMER'],
      ['Delta Corp', 'BUSINESS'],
    ]) {
      const created = await platform.as(admin).ok(`mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }`, {
        input: { name, market, lifecycle: 'CUSTOMER', country: 'DE', ownerId: user.createUser.id },
      });
      ids[name!] = created.createAccount.id;
    }
    await platform.as(admin).ok(`mutation($input: CreateContactInput!) { createContact(input: $input) { id } }`, {
      input: { accountId: ids['Alpha, "Family" Home'], firstName: 'Ada', lastName: 'Alpha', email: 'ada@alpha.example', phone: '+49 30 1' },
    });
    await platform.as(admin).ok(`mutation { createPipeline(input: { name: "Consumer sales", stages: [
      { name: "Lead", kind: OPEN, probability: 20 }, { name: "Won", kind: WON, probability: 100 }, { name: "Lost", kind: LOST, probability: 0 }] }) { id } }`);
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('selects accounts by their last interaction and open pipeline, replicated from the activities and opportunities subgraphs', async () => {
    const activity = (name: string, days: number) =>
      platform.as(admin).ok(`mutation($input: CreateActivityInput!) { createActivity(input: $input) { id } }`, {
        input: { type: 'CALL', subject: `Call with ${name}`, occurredAt: new Date(Date.now() - days * DAY).toISOString(), accountId: ids[name] },
      });
    const deal = (name: string, amount: string, currency = 'EUR') =>
      platform.as(admin).ok(`mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id } }`, {
        input: { name: `Deal with ${name}`, accountId: ids[name], amount: { amount, currency }, expectedCloseDate: '2030-06-30' },
      });
    await activity('Alpha, "Family" Home', 2);
    await deal('Alpha, "Family" Home', '1500.00');
    await activity('Beta Household', 3);
    await deal('Beta Household', '1500.00', 'USD'); // another currency: never mixed with EUR
    await activity('Gamma Household', 30); // talked to too long ago
    await deal('Gamma Household', '9000.00');
    await activity('Delta Corp', 1); // not a consumer
    await deal('Delta Corp', '9000.00');

    const preview = await eventually(
      async () => (await platform.as(admin).ok(PREVIEW, { rules: RULES })).segmentPreview,
      { until: (p) => p.memberCount === 1, timeoutMs: 15_000, what: 'the interaction and the deal to reach the accounts subgraph' },
    );
    expect(preview.members).toEqual([{ name: 'Alpha, "Family" Home' }]);
    // Gamma qualifies once talked to again.
    await activity('Gamma Household', 0);
    const after = await eventually(async () => (await platform.as(admin).ok(PREVIEW, { rules: RULES })).segmentPreview, { until: (p) => p.memberCount === 2, timeoutMs: 15_000, what: "Gamma's new call" });
    expect(after.members.map((m: { name: string }) => m.name)).toEqual(['Alpha, "Family" Home', 'Gamma Household']);
  });

  it('saves the rules as a segment whose memberCount equals the preview, and refuses bad rules naming the operator', async () => {
    const created = await platform.as(admin).ok(`mutation($input: CreateSegmentInput!) { createSegment(input: $input) { id memberCount members(first: 10) { edges { node { name } } } } }`, {
      input: { name: 'Warm households', rules: RULES },
    });
    ids.segment = created.createSegment.id;
    const preview = (await platform.as(admin).ok(PREVIEW, { rules: RULES })).segmentPreview;
    expect(created.createSegment.memberCount).toBe(preview.memberCount);
    expect(created.createSegment.members.edges.map((e: any) => e.node)).toEqual(preview.members);

    const bad = await platform.as(admin).call(PREVIEW, { rules: { all: [{ field: 'LAST_INTERACTION_DAYS', operator: 'CONTAINS', values: ['7'] }] } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [{ field: 'rules.all.0.operator', message: 'LAST_INTERACTION_DAYS does not take CONTAINS; allowed: EQ, GT, GTE, LT, LTE, BETWEEN, IS_SET, IS_NOT_SET' }],
    });
  });

  it('exports the members as CSV through the gateway: header, RFC 4180 escaping, the file named after the segment; contact details hidden from ANALYSTs', async () => {
    const { response, text } = await csv(ids.segment!);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="Warm households.csv"; filename*=UTF-8''Warm%20households.csv`);
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe(HEADER);
    expect(lines).toHaveLength(3);
    expect(lines[1]!.startsWith(`${ids['Alpha, "Family" Home']},"Alpha, ""Family"" Home",CONSUMER,STANDARD,CUSTOMER,DE,,,,kim@crm.example,`)).toBe(true);
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row.name)).toEqual(['Alpha, "Family" Home', 'Gamma Household']);
    expect(rows[0]).toMatchObject({ contact_name: 'Ada Alpha', contact_email: 'ada@alpha.example', contact_phone: '+49 30 1' });
    expect(Date.now() - Date.parse(rows[0]!.last_interaction_at!)).toBeGreaterThan(DAY);

    const asAnalyst = parse((await csv(ids.segment!, analyst)).text, { columns: true }) as Record<string, string>[];
    expect(asAnalyst[0]).toMatchObject({ contact_name: 'Ada Alpha', contact_email: '', contact_phone: '' });
  });

  it('answers an export that cannot start with JSON and a code: 401 without a valid token, 404 for an unknown segment', async () => {
    for (const headers of [{}, { authorization: 'Bearer not-a-token' }] as Record<string, string>[]) {
      const response = await fetch(exportUrl(ids.segment!), { headers });
      expect(response.status).toBe(401);
      expect(((await response.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
    const unknown = await fetch(exportUrl('5157e400-0000-4000-8000-00000000dead'), { headers: { authorization: `Bearer ${admin}` } });
    expect(unknown.status).toBe(404);
    const body = (await unknown.json()) as any;
    expect(body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect(JSON.stringify(body)).not.toMatch(/accounts|4001|subgraph/i);
  });

  it('streams a large segment (5 000 consumer households inserted with SQL) completely, batch after batch', async () => {
    const count = 5_000;
    await withDatabaseClient(platform.database.url, async (db) => {
      const [{ id: ownerId }] = (await db.query(`SELECT id FROM accounts.users WHERE email = 'kim@crm.example'`)).rows;
      await db.query(
        `INSERT INTO accounts.accounts (name, market, tier, lifecycle, country, industry, owner_id)
         SELECT 'Household ' || lpad(n::text, 5, '0'), 'CONSUMER', 'STANDARD', 'CUSTOMER', 'FR', 'Private, "home" use', $1 FROM generate_series(1, $2) AS n`,
        [ownerId, count],
      );
    });
    const segment = await platform.as(admin).ok(`mutation($input: CreateSegmentInput!) { createSegment(input: $input) { id memberCount } }`, {
      input: { name: 'French households', rules: { all: [{ field: 'MARKET', operator: 'EQ', values: ['CONSUMER'] }, { field: 'COUNTRY', operator: 'EQ', values: ['FR'] }] } },
    });
    expect(segment.createSegment.memberCount).toBe(count);

    const started = Date.now();
    const { result, baseline, peak } = await peakRss(platform.subgraphUrls.accounts, async () => {
      const response = await fetch(exportUrl(segment.createSegment.id), { headers: { authorization: `Bearer ${admin}` } });
      expect(response.status).toBe(200);
      // Read as a stream, chunk by chunk, as a client saving the file would.
      let bytes = 0;
      const chunks: string[] = [];
      const decoder = new TextDecoder();
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        bytes += chunk.byteLength;
        chunks.push(decoder.decode(chunk, { stream: true }));
      }
      return { bytes, text: chunks.join('') + decoder.decode() };
    });
    const ms = Date.now() - started;
    const rows = parse(result.text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(count);
    expect(new Set(rows.map((row) => row.account_id)).size).toBe(count);
    expect(rows[0]).toMatchObject({ name: 'Household 00001', industry: 'Private, "home" use', country: 'FR' });
    expect(rows[count - 1]!.name).toBe('Household 05000');
    // Figures for docs/benchmarks.md ("Segment CSV export").
    console.log(
      `segment export: ${count} rows, ${(result.bytes / 1024).toFixed(0)} KiB in ${ms} ms through the gateway; ` +
        `accounts RSS ${(baseline / 2 ** 20).toFixed(0)} MiB before, peak ${(peak / 2 ** 20).toFixed(0)} MiB (+${((peak - baseline) / 2 ** 20).toFixed(1)} MiB)`,
    );
  }, 120_000);
});
