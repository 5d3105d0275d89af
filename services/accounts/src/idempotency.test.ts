import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { UserRole } from '@crm/kernel';
import { type ServiceHandle } from '@crm/kernel/subgraph';
import { startServiceUnderTest, testToken, type ServiceUnderTest } from '@crm/testing';
import { loadConfig } from './config';
import { start } from './server';

const CREATE_ACCOUNT = `mutation($input: CreateAccountInput!) { createAccount(input: $input) { id name version } }`;

describe('idempotent creates in the accounts subgraph', () => {
  let service: ServiceUnderTest<ServiceHandle>;
  const tokens = {} as Record<'admin' | 'rep', string>;

  const call = (query: string, variables?: Record<string, unknown>, token = tokens.admin) => service.as(token).call(query, variables);
  const createAccount = (input: Record<string, unknown>, token = tokens.admin) => call(CREATE_ACCOUNT, { input }, token);
  const count = async (table: string, where = 'true', params: unknown[] = []): Promise<number> =>
    (await service.handle.db.query(`SELECT count(*)::int AS n FROM accounts.${table} WHERE ${where}`, params))[0].n;

  beforeAll(async () => {
    service = await startServiceUnderTest({ loadConfig, start });
    const ids: Record<string, string> = {};
    for (const [name, role] of [['admin', UserRole.ADMIN], ['rep', UserRole.REP]] as const) {
      const [user] = await service.handle.db.query(
        `INSERT INTO accounts.users (email, first_name, last_name, role) VALUES ($1, 'Test', $2, $3) RETURNING id`,
        [`${name}@crm.example`, name, role],
      );
      ids[name] = user.id;
      tokens[name] = await testToken({ userId: user.id, role, email: `${name}@crm.example` });
    }
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('returns the original account for a retry with the same key and input, without creating a second one', async () => {
    const input = { name: 'Globex', domain: 'globex.com', annualRevenue: { amount: '100.00', currency: 'EUR' }, idempotencyKey: 'create-globex-1' };
    const first = await createAccount(input);
    expect(first.errors).toBeUndefined();
    const accounts = await count('accounts');
    // The same input with its fields in another order is the same request.
    const retry = await createAccount({ idempotencyKey: 'create-globex-1', annualRevenue: { currency: 'EUR', amount: '100.00' }, domain: 'globex.com', name: 'Globex' });
    expect(retry.errors).toBeUndefined();
    expect(retry.data.createAccount).toEqual(first.data.createAccount);
    expect(await count('accounts')).toBe(accounts);
    expect(await count('idempotency_keys', 'key = $1', ['create-globex-1'])).toBe(1);
  });

  it('refuses the same key with a different input with CONFLICT naming idempotencyKey, and writes nothing', async () => {
    const first = await createAccount({ name: 'Initech', idempotencyKey: 'create-initech' });
    expect(first.errors).toBeUndefined();
    const accounts = await count('accounts');
    const reused = await createAccount({ name: 'Initech Ltd', idempotencyKey: 'create-initech' });
    expect(reused.data).toBeNull();
    expect(reused.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.idempotencyKey' });
    expect(reused.errors?.[0].message).toMatch(/idempotencyKey was already used with a different input for createAccount/);
    expect(await count('accounts')).toBe(accounts);
    expect(await count('accounts', `name = 'Initech Ltd'`)).toBe(0);
  });

  it('creates exactly one account from 10 concurrent identical requests with one key, and answers all 10 with it', async () => {
    const input = { name: 'Umbrella', tier: 'KEY', idempotencyKey: randomUUID() };
    const responses = await Promise.all(Array.from({ length: 10 }, () => createAccount(input)));
    for (const response of responses) expect(response.errors).toBeUndefined();
    expect(new Set(responses.map((response) => response.data.createAccount.id)).size).toBe(1);
    expect(await count('accounts', `name = 'Umbrella'`)).toBe(1);
  });

  it('scopes keys per user: another user may reuse the same key string for their own account', async () => {
    const mine = await createAccount({ name: 'Hooli', idempotencyKey: 'shared-key' });
    const theirs = await createAccount({ name: 'Hooli', idempotencyKey: 'shared-key' }, tokens.rep);
    expect(mine.errors).toBeUndefined();
    expect(theirs.errors).toBeUndefined();
    expect(theirs.data.createAccount.id).not.toBe(mine.data.createAccount.id);
    expect(await count('accounts', `name = 'Hooli'`)).toBe(2);
    // …and per mutation: the same key string on createContact is a new request too.
    const contact = await call(
      `mutation($input: CreateContactInput!) { createContact(input: $input) { id } }`,
      { input: { accountId: mine.data.createAccount.id, firstName: 'Gavin', lastName: 'Belson', idempotencyKey: 'shared-key' } },
    );
    expect(contact.errors).toBeUndefined();
  });

  it('replays createContact, createTeam and createUser retries with the first result', async () => {
    const { data } = await createAccount({ name: 'Vandelay' });
    const cases = [
      ['createContact', 'CreateContactInput', 'contacts', { accountId: data.createAccount.id, firstName: 'Art', lastName: 'Vandelay' }],
      ['createTeam', 'CreateTeamInput', 'teams', { name: 'Imports' }],
      ['createUser', 'CreateUserInput', 'users', { email: 'kel@crm.example', firstName: 'Kel', lastName: 'Varnsen' }],
    ] as const;
    for (const [mutation, type, table, fields] of cases) {
      const send = () => call(`mutation($input: ${type}!) { ${mutation}(input: $input) { id } }`, { input: { ...fields, idempotencyKey: `${mutation}-1` } });
      const first = await send();
      expect(first.errors).toBeUndefined();
      const rows = await count(table);
      const retry = await send();
      expect(retry.errors).toBeUndefined();
      expect(retry.data[mutation].id).toBe(first.data[mutation].id);
      expect(await count(table)).toBe(rows);
    }
  });

  it('does not use up a key when the write fails, so the corrected request can use it', async () => {
    const input = { email: 'KEL@crm.example', firstName: 'Kel', lastName: 'Again', idempotencyKey: 'create-kel-again' };
    const taken = await call(`mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`, { input });
    expect(taken.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await count('idempotency_keys', 'key = $1', ['create-kel-again'])).toBe(0);
    const corrected = await call(`mutation($input: CreateUserInput!) { createUser(input: $input) { email } }`, {
      input: { ...input, email: 'kel.again@crm.example' },
    });
    expect(corrected.errors).toBeUndefined();
    expect(corrected.data.createUser.email).toBe('kel.again@crm.example');
  });

  it('refuses an empty, overlong or non-printable key with BAD_USER_INPUT naming idempotencyKey', async () => {
    const accounts = await count('accounts');
    for (const idempotencyKey of ['', 'k'.repeat(201), 'line\nbreak']) {
      const response = await createAccount({ name: 'Bad key', idempotencyKey });
      expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0].extensions?.problems.map((p: { field: string }) => p.field)).toEqual(['idempotencyKey']);
    }
    expect(await count('accounts')).toBe(accounts);
  });

  it('creates a new account for each request without a key, as before keys existed', async () => {
    const accounts = await count('accounts');
    await createAccount({ name: 'Keyless' });
    await createAccount({ name: 'Keyless' });
    expect(await count('accounts')).toBe(accounts + 2);
  });

  it('forgets a key after 24 hours: the same key then creates a new account and the expired row is purged', async () => {
    const first = await createAccount({ name: 'Soylent', idempotencyKey: 'old-key' });
    await service.handle.db.query(`UPDATE accounts.idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = 'old-key'`);
    const later = await createAccount({ name: 'Soylent', idempotencyKey: 'old-key' });
    expect(later.errors).toBeUndefined();
    expect(later.data.createAccount.id).not.toBe(first.data.createAccount.id);
    expect(await count('idempotency_keys', `key = 'old-key' AND created_at < now() - interval '24 hours'`)).toBe(0);
  });
});
