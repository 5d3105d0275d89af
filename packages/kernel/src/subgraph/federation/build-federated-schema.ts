import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { validateArguments } from '../graphql/validate-arguments';
import { buildSchema, createResolversMap, type BuildSchemaOptions, type PubSub } from 'type-graphql';

/** Federation 2 directives our subgraphs may use. */
const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", ' +
  'import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag", "@interfaceObject"])';

/**
 * The root types' descriptions, the same in every subgraph so that composition keeps them: they are
 * the first thing an analyst reads in the playground's docs explorer.
 */
export const ROOT_TYPE_DESCRIPTIONS = {
  Query:
    'Reads: every list, lookup and analytics of the CRM. Lists are connections paged with `first` and `after` (keyset cursors); ' +
    "what a caller sees depends on the role (and for REPs the team) of the bearer token, in every list, count and aggregate.",
  Mutation:
    'Writes. Each mutation runs in one transaction: it happens completely or not at all. Updates and deletes take ' +
    '`expectedVersion` and refuse a concurrent change with CONFLICT; creates take an `idempotencyKey` so that a retry returns the first result.',
  Subscription:
    'Live changes over graphql-ws on the same /graphql path. Every event carries a `cursor`: subscribe again with `after` set to the ' +
    'last one to receive every later event, in order, once; `<field>Cursor` queries give the newest cursor to start from.',
} as const;

/** `__resolveReference` per entity type name. Each must go through a DataLoader. */
export type ReferenceResolvers = Record<string, { __resolveReference: (reference: any, context: any) => unknown }>;

export interface FederatedSchemaOptions extends Omit<BuildSchemaOptions, 'skipCheck' | 'validate' | 'validateFn'> {
  referenceResolvers?: ReferenceResolvers;
}

/**
 * type-graphql refuses to build subscriptions without a PubSub, even when every `@Subscription`
 * brings its own `subscribe` (ours return an EventSource stream). This one only says so if used.
 */
const NO_PUBSUB: PubSub = {
  publish() {
    throw new Error('No PubSub is configured: subscriptions stream from an EventSource via @Subscription({ subscribe })');
  },
  subscribe() {
    throw new Error('No PubSub is configured: use @Subscription({ subscribe }) with an EventSource stream instead of topics');
  },
};

/**
 * type-graphql builds a plain schema; Federation 2 needs the `@link` header and the directive
 * usages (`@key`, `@shareable`) printed back into SDL, which graphql's own printer drops.
 */
export async function buildFederatedSchema(options: FederatedSchemaOptions): Promise<GraphQLSchema> {
  const { referenceResolvers = {}, ...buildOptions } = options;
  // Every argument is validated with class-validator, the same way in every subgraph.
  const schema = await buildSchema({ pubSub: NO_PUBSUB, ...buildOptions, validateFn: validateArguments, skipCheck: true });
  for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (root) (root as { description?: string }).description = ROOT_TYPE_DESCRIPTIONS[root.name as keyof typeof ROOT_TYPE_DESCRIPTIONS];
  }
  const typeDefs = parse(`${FEDERATION_LINK}\n\n${printSchemaWithDirectives(schema)}`);
  // Keeps `subscribe` next to `resolve` for Subscription fields, which buildSubgraphSchema honours.
  const resolvers = createResolversMap(schema) as Record<string, any>;
  for (const [typeName, reference] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...resolvers[typeName], ...reference };
  }
  return buildSubgraphSchema({ typeDefs, resolvers });
}

/** The subgraph SDL as composition expects it (with `@link` and federation directives). */
export { printSubgraphSchema as printSubgraphSdl } from '@apollo/subgraph';
