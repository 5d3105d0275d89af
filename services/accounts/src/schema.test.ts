import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { printSubgraphSdl } from '@crm/kernel/subgraph';
import { buildAccountsSchema } from './schema';

describe('accounts subgraph schema', () => {
  it('matches the committed schema.graphql (run `pnpm emit-schemas && pnpm compose` after a change)', async () => {
    const committed = readFileSync(path.join(__dirname, '..', 'schema.graphql'), 'utf8');
    expect(printSubgraphSdl(await buildAccountsSchema())).toBe(committed);
  });
});
