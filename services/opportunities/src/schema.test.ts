import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { printSubgraphSdl } from '@crm/kernel/subgraph';
import { buildOpportunitiesSchema } from './schema';

describe('opportunities subgraph schema', () => {
  it('matches the committed schema.graphql (run `pnpm emit-schemas && pnpm compose` after a change)', async () => {
    const committed = readFileSync(path.join(__dirname, '..', 'schema.graphql'), 'utf8');
    expect(printSubgraphSdl(await buildOpportunitiesSchema())).toBe(committed);
  });

  it('keeps the subscribe function of Subscription.dealStageChanged through buildSubgraphSchema', async () => {
    const field = (await buildOpportunitiesSchema()).getSubscriptionType()?.getFields().dealStageChanged;
    expect(typeof field?.subscribe).toBe('function');
    expect(typeof field?.resolve).toBe('function');
  });
});
