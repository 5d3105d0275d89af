import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { printSubgraphSdl } from '@crm/kernel/subgraph';
import { buildActivitiesSchema } from './schema';

describe('activities subgraph schema', () => {
  it('matches the committed schema.graphql that composition reads (run `node dist/emit-schema.js` after a change)', async () => {
    const committed = readFileSync(path.join(__dirname, '..', 'schema.graphql'), 'utf8');
    expect(printSubgraphSdl(await buildActivitiesSchema())).toBe(committed);
  });
});
