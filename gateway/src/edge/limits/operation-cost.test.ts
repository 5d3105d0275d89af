import { parse } from 'graphql';
import { operationCost } from './operation-cost';
import { testSchema } from './test-schema';

const cost = (source: string, variables?: Record<string, unknown>, operationName?: string) =>
  operationCost({ schema: testSchema, document: parse(source), variables, operationName });

describe('operationCost', () => {
  it('charges 1 per field outside paginated fields', () => {
    expect(cost('{ account(id: 1) { id name parent { name } } }')).toBe(5);
  });

  it('multiplies a paginated subtree by a literal first', () => {
    // accounts: 1 + 10 × (edges 1 + node 1 + name 1)
    expect(cost('{ accounts(first: 10) { edges { node { name } } } }')).toBe(31);
  });

  it('reads first from variables', () => {
    expect(cost('query($n: Int!) { accounts(first: $n) { edges { node { name } } } }', { n: 7 })).toBe(22);
  });

  it('assumes the argument default, or 20 when a first has none', () => {
    expect(cost('{ accounts { totalCount } }')).toBe(21);
    expect(cost('{ opportunities { totalCount } }')).toBe(21);
  });

  it('multiplies nested pages', () => {
    // 1 + 10 × (1 + 1 + 1 + (1 + 5 × (1 + 1 + 1)))
    expect(cost('{ accounts(first: 10) { edges { node { name contacts(first: 5) { edges { node { name } } } } } } }')).toBe(191);
  });

  it('counts a plain list without first once, as its parent bounds it', () => {
    expect(cost('{ pipelines { name stages } }')).toBe(3);
  });

  it('costs only the operation asked for', () => {
    const source = 'query Small { pipelines { name } } query Big { accounts(first: 1000) { totalCount } }';
    expect(cost(source, {}, 'Small')).toBe(2);
    expect(cost(source, {}, 'Big')).toBe(1001);
  });

  it('expands fragments where they are spread', () => {
    expect(cost('{ accounts(first: 4) { ...C } } fragment C on AccountConnection { totalCount }')).toBe(5);
  });

  it('leaves variables that do not fit the operation to execution', () => {
    expect(cost('query($n: Int!) { accounts(first: $n) { totalCount } }', { n: 'many' })).toBeUndefined();
  });

  it('calls a fragment bomb unbounded instead of walking it', () => {
    const fragments = Array.from({ length: 30 }, (_, i) => `fragment F${i} on Account { ...F${i + 1} parent { ...F${i + 1} } }`);
    const source = `{ account(id: 1) { ...F0 } } ${fragments.join(' ')} fragment F30 on Account { name }`;
    expect(cost(source)).toBe(Number.POSITIVE_INFINITY);
  });
});
