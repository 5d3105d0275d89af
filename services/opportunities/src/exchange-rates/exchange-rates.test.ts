import 'reflect-metadata';
import { problemOf, startServiceUnderTest, testPeople, type ServiceUnderTest } from '@crm/testing';
import { loadConfig } from '../config';
import { start } from '../server';

type Who = 'admin' | 'manager' | 'rep' | 'analyst';

/** The conversion table: who may set and remove rates, what a rate may be, and how it reads back. */
describe('exchange rates', () => {
  let service: ServiceUnderTest;
  const people = testPeople({ admin: 'ADMIN', manager: 'MANAGER', rep: 'REP', analyst: 'ANALYST' });
  const { principals, tokens } = people;

  const SET = `mutation($input: SetExchangeRateInput!) { setExchangeRate(input: $input) { fromCurrency toCurrency rate updatedAt updatedBy { id } } }`;
  const REMOVE = `mutation($from: String!, $to: String!) { removeExchangeRate(fromCurrency: $from, toCurrency: $to) { fromCurrency toCurrency rate } }`;
  const LIST = `query($to: String) { exchangeRates(toCurrency: $to) { fromCurrency toCurrency rate } }`;
  const call = (who: Who, query: string, variables?: Record<string, unknown>) => service.as(tokens[who]).call(query, variables);
  const ok = (who: Who, query: string, variables?: Record<string, unknown>) => service.as(tokens[who]).ok(query, variables);
  const table = async () => (await ok('analyst', LIST)).exchangeRates;

  beforeAll(async () => {
    service = await startServiceUnderTest({ loadConfig, start });
    await people.sign();
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('lets an ADMIN add and replace the rate of a pair, which every role reads back, trailing zeros trimmed', async () => {
    const first = (await ok('admin', SET, { input: { fromCurrency: 'USD', toCurrency: 'EUR', rate: '0.9200' } })).setExchangeRate;
    expect(first).toEqual({ fromCurrency: 'USD', toCurrency: 'EUR', rate: '0.92', updatedAt: expect.any(String), updatedBy: { id: principals.admin.userId } });
    const second = (await ok('admin', SET, { input: { fromCurrency: 'USD', toCurrency: 'EUR', rate: '0.9187654321' } })).setExchangeRate;
    expect(second.rate).toBe('0.9187654321');
    expect(new Date(second.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(first.updatedAt).getTime());
    await ok('admin', SET, { input: { fromCurrency: 'EUR', toCurrency: 'USD', rate: '1.0884' } });
    // Codes in lower case mean the same currency, as in every money input.
    await ok('admin', SET, { input: { fromCurrency: 'gbp', toCurrency: 'eur', rate: '1.17' } });
    for (const who of Object.keys(principals) as Who[]) {
      expect((await ok(who, LIST)).exchangeRates).toEqual([
        { fromCurrency: 'GBP', toCurrency: 'EUR', rate: '1.17' },
        { fromCurrency: 'USD', toCurrency: 'EUR', rate: '0.9187654321' },
        { fromCurrency: 'EUR', toCurrency: 'USD', rate: '1.0884' },
      ]);
    }
    expect((await ok('rep', LIST, { to: 'usd' })).exchangeRates).toEqual([{ fromCurrency: 'EUR', toCurrency: 'USD', rate: '1.0884' }]);
  });

  it('refuses every other role with FORBIDDEN and changes nothing', async () => {
    const before = await table();
    for (const who of ['manager', 'rep', 'analyst'] as const) {
      expect(problemOf(await call(who, SET, { input: { fromCurrency: 'USD', toCurrency: 'EUR', rate: '5' } }))?.code).toBe('FORBIDDEN');
      expect(problemOf(await call(who, REMOVE, { from: 'USD', to: 'EUR' }))?.code).toBe('FORBIDDEN');
    }
    expect(await table()).toEqual(before);
  });

  it('refuses a bad pair or rate with BAD_USER_INPUT naming the field, and changes nothing', async () => {
    const before = await table();
    const set = (input: Record<string, string>) => call('admin', SET, { input: { fromCurrency: 'USD', toCurrency: 'EUR', rate: '1', ...input } });
    expect(problemOf(await set({ toCurrency: 'USD' }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.toCurrency'] });
    expect(problemOf(await set({ fromCurrency: 'eur' }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.toCurrency'] });
    expect(problemOf(await set({ fromCurrency: 'DOLLAR' }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['fromCurrency'] });
    expect(problemOf(await set({ toCurrency: 'XXY' }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['toCurrency'] });
    for (const rate of ['0', '0.000', '-1', '1e3', '1,5', '', '12345678901', '0.12345678901']) {
      expect({ rate, ...problemOf(await set({ rate })) }).toMatchObject({ rate, code: 'BAD_USER_INPUT', fields: [expect.stringMatching(/^(input\.)?rate$/)] });
    }
    expect(problemOf(await call('admin', LIST, { to: 'Euro' }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['toCurrency'] });
    expect(await table()).toEqual(before);
  });

  it('removes a rate and returns it; removing it again is NOT_FOUND', async () => {
    expect((await ok('admin', REMOVE, { from: 'GBP', to: 'eur' })).removeExchangeRate).toEqual({ fromCurrency: 'GBP', toCurrency: 'EUR', rate: '1.17' });
    expect((await table()).map((r: { fromCurrency: string }) => r.fromCurrency)).toEqual(['USD', 'EUR']);
    expect(problemOf(await call('admin', REMOVE, { from: 'GBP', to: 'EUR' }))?.code).toBe('NOT_FOUND');
  });
});
