import { gql, type ApolloClient, type TypedDocumentNode } from '@apollo/client';
import { UsageError } from './watch-deals-args';

const PIPELINES: TypedDocumentNode<
  { pipelines: { edges: Array<{ node: { id: string; name: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } },
  { after?: string }
> = gql`
  query WatchDealsPipelines($after: String) {
    pipelines(first: 100, after: $after) {
      edges { node { id name } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `--pipeline` is an id (a UUID, used as is) or a pipeline name, matched case-insensitively. */
export async function resolvePipelineId(client: Pick<ApolloClient, 'query'>, idOrName: string): Promise<string> {
  if (UUID.test(idOrName)) return idOrName;
  const names: string[] = [];
  let after: string | undefined;
  do {
    const { data, error } = await client.query({ query: PIPELINES, variables: { after } });
    if (error || !data) throw error ?? new Error('pipelines query returned no data');
    for (const { node } of data.pipelines.edges) {
      if (node.name.toLowerCase() === idOrName.toLowerCase()) return node.id;
      names.push(node.name);
    }
    after = data.pipelines.pageInfo.hasNextPage ? (data.pipelines.pageInfo.endCursor ?? undefined) : undefined;
  } while (after);
  throw new UsageError(`no pipeline named "${idOrName}"; pipelines: ${names.map((n) => `"${n}"`).join(', ') || 'none'}`);
}
