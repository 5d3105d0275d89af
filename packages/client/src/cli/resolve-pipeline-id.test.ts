import type { ApolloClient } from '@apollo/client';
import { resolvePipelineId } from './resolve-pipeline-id';

/** Serves pipelines in pages of two, the way the gateway pages `pipelines(first, after)`. */
function pipelinesClient(names: string[]): Pick<ApolloClient, 'query'> & { calls: number } {
  const client = {
    calls: 0,
    async query({ variables }: { variables?: { after?: string } }) {
      client.calls++;
      const start = variables?.after ? Number(variables.after) : 0;
      const page = names.slice(start, start + 2);
      return {
        data: {
          pipelines: {
            edges: page.map((name, i) => ({ node: { id: `id-${start + i}`, name } })),
            pageInfo: { hasNextPage: start + 2 < names.length, endCursor: String(start + 2) },
          },
        },
      };
    },
  };
  return client as unknown as Pick<ApolloClient, 'query'> & { calls: number };
}

describe('resolvePipelineId', () => {
  it('uses a UUID as the id without asking the gateway', async () => {
    const client = pipelinesClient([]);
    await expect(resolvePipelineId(client, '0d9b7a5e-3f1c-4b7e-9a55-2f8c1d3e4b6a')).resolves.toBe('0d9b7a5e-3f1c-4b7e-9a55-2f8c1d3e4b6a');
    expect(client.calls).toBe(0);
  });

  it('finds a pipeline by name, case-insensitively, across pages', async () => {
    const client = pipelinesClient(['Enterprise', 'New Business', 'Partners', 'Renewals']);
    await expect(resolvePipelineId(client, 'renewals')).resolves.toBe('id-3');
    expect(client.calls).toBe(2);
  });

  it('lists the pipelines that exist when the name matches none', async () => {
    await expect(resolvePipelineId(pipelinesClient(['New Business', 'Renewals']), 'Upsell')).rejects.toThrow(
      'no pipeline named "Upsell"; pipelines: "New Business", "Renewals"',
    );
  });
});
