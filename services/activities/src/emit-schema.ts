import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { printSubgraphSdl } from '@crm/kernel/subgraph';
import { buildActivitiesSchema } from './schema';

/** Writes the subgraph SDL to `schema.graphql`; composition reads it from there. */
buildActivitiesSchema().then((schema) => {
  writeFileSync(path.join(__dirname, '..', 'schema.graphql'), printSubgraphSdl(schema));
});
