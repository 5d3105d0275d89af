import { UserRole } from '@crm/kernel';
import { type Platform, postJson, startPlatform } from '@crm/testing';
import fc from 'fast-check';
import {
  buildClientSchema,
  getIntrospectionQuery,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  getNamedType,
  isLeafType,
  type GraphQLField,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { sqlQueriesSoFar, sqlWritesSoFar, tokenForSeededUser } from './platform-helpers';

/**
 * Every argument and input field of every root query and mutation, taken from the gateway's own
 * introspection, gets malformed values of its type — wrong types, out-of-range numbers, invalid
 * dates, NUL characters, oversized strings, tampered cursors — inline and as variables, one at a
 * time with every other required argument valid. Whatever the value, the answer is a client error
 * (never HTTP 5xx or INTERNAL_SERVER_ERROR) that points at the value, and no subgraph writes a row.
 */

/** An enum value printed bare in a document (a string would be printed quoted). */
class EnumLiteral {
  constructor(readonly name: string) {}
  toJSON(): string {
    return this.name;
  }
}

/** A position that takes a value: an argument, or a field of an input object under one. */
interface InputPosition {
  root: 'query' | 'mutation';
  field: GraphQLField<unknown, unknown>;
  /** `input.occurredAt`, `filter.stages`: the argument, then input fields. */
  path: string[];
  type: GraphQLInputType;
}

const LONG = 'x'.repeat(100_001);
const VALID_BUT_ODD = new Set<unknown>(['not-a-uuid', '', LONG]);
const TAMPERED_CURSORS = ['garbage!', Buffer.from('["x","not-a-uuid"]').toString('base64url'), Buffer.from('[1]').toString('base64url'), Buffer.from('["account.name ASC","a","00000000-0000-0000-0000-00000000000g"]').toString('base64url')];

/**
 * Values that are not valid for `type` (its named type; lists and non-null are wrapped around).
 * Those in `VALID_BUT_ODD` are valid for their GraphQL type (an ID that names nothing, a very long
 * string): a query may answer them (`account(id: "not-a-uuid")` is null), but never with a 5xx,
 * and a mutation must still write nothing with them.
 */
function malformedValues(type: GraphQLInputType, name: string): unknown[] {
  const named = getNamedType(type);
  if (isInputObjectType(named)) return ['not an object', 42, { noSuchField: 1 }];
  if (isEnumType(named)) return [new EnumLiteral('NO_SUCH_VALUE'), 'lowercase', 7];
  switch (named.name) {
    case 'Int':
      return [2 ** 31, -(2 ** 31) - 1, 1.5, 'ten', true];
    case 'Float':
      return ['ten', true, [1]];
    case 'Boolean':
      return ['yes', 1];
    case 'DateTimeISO':
      return ['yesterday', '2026-02-30T00:00:00Z', '2024-01-01', 1700000000000, '2026-02-03T10:15:30Z\u0000'];
    case 'LocalDate':
      return ['2026-13-45', '2026-02-30', '2026-02-03T00:00:00Z', 20260203];
    case 'ID':
      return ['a\u0000b', 'not-a-uuid', '', LONG, true];
    default:
      return name === 'after' ? [...TAMPERED_CURSORS, 'a\u0000b'] : ['a\u0000b', LONG, 42];
  }
}

/** A valid value of `type`: the least a request needs to reach the position under test. */
function validValue(schema: GraphQLSchema, type: GraphQLInputType, ids: { account: string }): unknown {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return [validValue(schema, inner.ofType, ids)];
  if (isInputObjectType(inner)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(inner.getFields())) {
      if (isNonNullType(field.type) && field.defaultValue === undefined) value[field.name] = validValue(schema, field.type, ids);
    }
    return value;
  }
  if (isEnumType(inner)) return new EnumLiteral(inner.getValues()[0].name);
  switch (inner.name) {
    case 'Int':
    case 'Float':
      return 1;
    case 'Boolean':
      return true;
    case 'ID':
      return ids.account;
    case 'DateTimeISO':
      return '2026-01-01T00:00:00Z';
    case 'LocalDate':
      return '2026-01-01';
    default:
      return 'x';
  }
}

/** Every argument and input field of every root query and mutation field, input objects walked once per path. */
function inputPositions(schema: GraphQLSchema): InputPosition[] {
  const positions: InputPosition[] = [];
  const walk = (root: InputPosition['root'], field: GraphQLField<unknown, unknown>, path: string[], type: GraphQLInputType, seen: Set<string>) => {
    positions.push({ root, field, path, type });
    const named = getNamedType(type);
    if (!isInputObjectType(named) || seen.has(named.name)) return;
    for (const inner of Object.values(named.getFields())) walk(root, field, [...path, inner.name], inner.type, new Set([...seen, named.name]));
  };
  for (const [root, type] of [['query', schema.getQueryType()], ['mutation', schema.getMutationType()]] as const) {
    for (const field of Object.values(type?.getFields() ?? {})) {
      if (field.name.startsWith('_')) continue;
      for (const arg of field.args) walk(root, field, [arg.name], arg.type, new Set());
    }
  }
  return positions;
}

/** The arguments of a request putting `bad` at `position` and valid values wherever else one is required. */
function argumentsWith(schema: GraphQLSchema, position: InputPosition, bad: unknown, ids: { account: string }): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const arg of position.field.args) {
    if (arg.name === position.path[0] || (isNonNullType(arg.type) && arg.defaultValue === undefined)) args[arg.name] = validValue(schema, arg.type, ids);
  }
  // Walk down to the position, creating the input objects on the way (one object where a list of them is expected).
  let holder = args;
  let type: GraphQLInputType = position.field.args.find((a) => a.name === position.path[0])!.type;
  for (let i = 0; i < position.path.length - 1; i++) {
    const key = position.path[i];
    const named = getNamedType(type) as GraphQLInputObjectType;
    const next = holder[key];
    holder[key] = next !== null && typeof next === 'object' && !Array.isArray(next) && !(next instanceof EnumLiteral) ? next : validValue(schema, named, ids);
    holder = holder[key] as Record<string, unknown>;
    type = named.getFields()[position.path[i + 1]].type;
  }
  holder[position.path[position.path.length - 1]] = bad;
  return args;
}

/** A GraphQL literal of a JSON-like value (enum values bare). */
function literal(value: unknown): string {
  if (value instanceof EnumLiteral) return value.name;
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (value !== null && typeof value === 'object') return `{ ${Object.entries(value).map(([k, v]) => `${k}: ${literal(v)}`).join(', ')} }`;
  return JSON.stringify(value);
}

/** `{ __typename }` for object results, nothing for leaves. */
function selection(field: GraphQLField<unknown, unknown>): string {
  return isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
}

/** The type of each argument as written in a variable definition. */
function request(position: InputPosition, args: Record<string, unknown>, asVariables: boolean): { query: string; variables?: Record<string, unknown> } {
  const { field, root } = position;
  if (!asVariables) {
    const list = Object.entries(args).map(([k, v]) => `${k}: ${literal(v)}`).join(', ');
    return { query: `${root} { ${field.name}${list ? `(${list})` : ''}${selection(field)} }` };
  }
  const definitions = field.args.filter((a) => a.name in args).map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const uses = field.args.filter((a) => a.name in args).map((a) => `${a.name}: $${a.name}`).join(', ');
  return { query: `${root}(${definitions}) { ${field.name}(${uses})${selection(field)} }`, variables: JSON.parse(JSON.stringify(args)) };
}

describe('malformed input anywhere in the schema', () => {
  let platform: Platform;
  let admin: string;
  let schema: GraphQLSchema;
  let ids: { account: string };

  const post = (body: Record<string, unknown>) => postJson(platform.gatewayUrl, body, { token: admin });

  beforeAll(async () => {
    platform = await startPlatform({ seedScale: 0.05 });
    admin = await tokenForSeededUser(platform.database.url, UserRole.ADMIN);
    schema = buildClientSchema(((await post({ query: getIntrospectionQuery() })).body.data as IntrospectionQuery));
    ids = { account: ((await post({ query: '{ accounts(first: 1) { edges { node { id } } } }' })).body.data as any).accounts.edges[0].node.id };
    await sqlQueriesSoFar(platform.subgraphUrls); // the consumers' replay of the seeded history has settled
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('is refused as the client error it is, pointing at the value, and writes nothing', async () => {
    const positions = inputPositions(schema);
    expect(positions.length).toBeGreaterThan(200);
    const samples = fc.record({ position: fc.constantFrom(...positions), pick: fc.nat(), asVariables: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(samples, async ({ position, pick, asVariables }) => {
        const values = malformedValues(position.type, position.path[position.path.length - 1]);
        const bad = values[pick % values.length];
        const sent = request(position, argumentsWith(schema, position, bad, ids), asVariables);
        const writesBefore = position.root === 'mutation' ? await sqlWritesSoFar(platform.subgraphUrls) : 0;
        const { status, text, body } = await post(sent);
        const where = `${position.root} ${position.field.name} at ${position.path.join('.')} = ${JSON.stringify(bad)?.slice(0, 60)} (${asVariables ? 'variable' : 'inline'}): ${status} ${text.slice(0, 400)}`;
        expect([where, status < 500]).toEqual([where, true]);
        const errors: any[] = body?.errors ?? [];
        if (position.root === 'query' && VALID_BUT_ODD.has(bad) && errors.length === 0) return;
        expect([where, errors.length > 0]).toEqual([where, true]);
        expect([where, errors.map((e) => e.extensions?.code).filter((code) => code === 'INTERNAL_SERVER_ERROR')]).toEqual([where, []]);
        // Each refusal says where: the argument paths it refuses, the value's location in the
        // document, or the field it refused (when another required argument was refused first).
        const leaf = position.path[position.path.length - 1];
        const pointed = errors.every(
          (e) =>
            (e.extensions?.problems ?? []).length > 0 ||
            String(e.message).includes(leaf) ||
            (Array.isArray(e.locations) && e.locations.length > 0) ||
            e.path?.[0] === position.field.name,
        );
        expect([where, pointed]).toEqual([where, true]);
        if (position.root === 'mutation') expect([where, await sqlWritesSoFar(platform.subgraphUrls)]).toEqual([where, writesBefore]);
      }),
      { numRuns: 1500, seed: Number(process.env.FC_SEED ?? Date.now() % 2 ** 31) },
    );
  }, 180_000);
});
