import { ApolloServer } from '@apollo/server';
import { UserRole, type Principal } from '@crm/kernel';
import { OperationLimits, type OperationLimitSettings } from './operation-limits';
import { operationLimitsPlugin } from './operation-limits.plugin';
import { testSchema } from './test-schema';

const defaults: OperationLimitSettings = { maxDepth: 12, maxAliases: 30, maxRootFields: 10, maxDirectives: 50, maxTokens: 5000, maxCost: 50_000, production: false };

async function serve(settings: Partial<OperationLimitSettings> = {}) {
  const limits = new OperationLimits({ ...defaults, ...settings });
  let executed = 0;
  const server = new ApolloServer<{ principal: Principal }>({
    schema: testSchema,
    rootValue: { pipelines: () => (executed++, [{ name: 'Sales', stages: [] }]), accounts: () => ({ totalCount: 0, edges: [] }) },
    parseOptions: limits.parseOptions,
    validationRules: [...limits.validationRules],
    plugins: [operationLimitsPlugin(limits) as never],
  });
  await server.start();
  const run = async (query: string, variables?: Record<string, unknown>, role = UserRole.REP) => {
    const principal = { userId: 'u', email: 'u@crm.example', role, teamId: null };
    const response = await server.executeOperation({ query, variables }, { contextValue: { principal } });
    const result = response.body.kind === 'single' ? response.body.singleResult : {};
    return { status: response.http.status, errors: result.errors?.map((e) => ({ message: e.message, code: e.extensions?.code })), data: result.data };
  };
  return { run, stop: () => server.stop(), executed: () => executed };
}

describe('the operation limits in Apollo Server', () => {
  it('runs an operation within every limit', async () => {
    const server = await serve();
    expect(await server.run('{ pipelines { name } }')).toMatchObject({ data: { pipelines: [{ name: 'Sales' }] } });
    await server.stop();
  });

  it('refuses an operation over a validation limit with 400 and GRAPHQL_VALIDATION_FAILED', async () => {
    const server = await serve({ maxDepth: 2 });
    const result = await server.run('{ pipelines { name } account(id: 1) { parent { name } } }');
    expect(result.status).toBe(400);
    expect(result.errors).toEqual([{ message: 'Query depth 3 exceeds the maximum of 2', code: 'GRAPHQL_VALIDATION_FAILED' }]);
    expect(server.executed()).toBe(0);
    await server.stop();
  });

  it('refuses an operation whose variables make it too costly, before executing anything', async () => {
    const server = await serve({ maxCost: 1000 });
    const query = 'query($n: Int!) { pipelines { name } accounts(first: $n) { edges { node { name } } } }';
    expect((await server.run(query, { n: 100 })).errors).toBeUndefined();
    const refused = await server.run(query, { n: 100_000 });
    expect(refused.status).toBe(400);
    expect(refused.errors).toEqual([{ message: 'Query cost 300003 exceeds the maximum of 1000', code: 'GRAPHQL_VALIDATION_FAILED' }]);
    expect(server.executed()).toBe(1);
    await server.stop();
  });

  it('refuses a document with more tokens than the maximum while parsing', async () => {
    const server = await serve({ maxTokens: 50 });
    const result = await server.run(`{ ${'pipelines { name } '.repeat(20)} }`);
    expect(result.status).toBe(400);
    expect(result.errors?.[0].code).toBe('GRAPHQL_PARSE_FAILED');
    expect(result.errors?.[0].message).toMatch(/50 tokens/) // graphql-js: "Document contains more that 50 tokens";
    await server.stop();
  });

  it('in production lets ADMIN introspect and refuses a REP', async () => {
    const server = await serve({ production: true });
    expect((await server.run('{ __schema { queryType { name } } }', {}, UserRole.ADMIN)).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const refused = await server.run('{ __type(name: "Account") { name } }', {}, UserRole.REP);
    expect(refused.status).toBe(400);
    expect(refused.errors?.[0]).toEqual({ message: 'Introspection is available to ADMIN and ANALYST users only, got role REP', code: 'GRAPHQL_VALIDATION_FAILED' });
    await server.stop();
  });

  it('keeps refusing what it refuses after accepting the same document with other variables or for another role', async () => {
    const server = await serve({ maxCost: 1000, production: true });
    const query = 'query($n: Int!) { pipelines { name } accounts(first: $n) { edges { node { name } } } }';
    for (let i = 0; i < 2; i++) expect((await server.run(query, { n: 100 })).errors).toBeUndefined();
    expect((await server.run(query, { n: 100_000 })).errors?.[0].code).toBe('GRAPHQL_VALIDATION_FAILED');
    const introspection = '{ __schema { queryType { name } } }';
    expect((await server.run(introspection, {}, UserRole.ADMIN)).errors).toBeUndefined();
    expect((await server.run(introspection, {}, UserRole.REP)).status).toBe(400);
    expect(server.executed()).toBe(2);
    await server.stop();
  });
});
