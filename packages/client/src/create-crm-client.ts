import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';

export interface CrmClientOptions {
  /** The gateway's GraphQL URL, e.g. `http://localhost:4000/graphql`. */
  url: string;
  /** Bearer token, or a function returning the current one (called per request, so tokens can rotate). */
  token: string | (() => string | Promise<string>);
  /** Custom fetch (tests, instrumentation). Default: global fetch. */
  fetch?: typeof fetch;
}

/**
 * An Apollo Client for the CRM gateway: one HTTP link with the bearer token attached to every
 * operation. Entities are normalised by `__typename` + `id`, which every CRM entity has.
 */
export function createCrmClient(options: CrmClientOptions): ApolloClient {
  const auth = new SetContextLink(async (prevContext) => {
    const token = typeof options.token === 'function' ? await options.token() : options.token;
    return { headers: { ...prevContext.headers, authorization: `Bearer ${token}` } };
  });
  const http = new HttpLink({ uri: options.url, fetch: options.fetch });
  return new ApolloClient({
    link: ApolloLink.from([auth, http]),
    cache: new InMemoryCache(),
    defaultOptions: { query: { fetchPolicy: 'network-only' } },
  });
}
