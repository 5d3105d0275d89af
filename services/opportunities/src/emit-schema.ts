import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { printSubgraphSdl } from '@crm/kernel/subgraph';
import { buildOpportunitiesSchema } from './schema';

/** Writes the subgraph SDL to `schema.graphql`; composition reads it from there. */
buildOpportunitiesSchema().then((schema) => {
  writeFileSync(path.join(__dirname, '..', 'schema.graphql'), printSubgraphSdl(schema));
});
