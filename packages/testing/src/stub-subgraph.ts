import { principalFromHeader, type Principal, type RequestScoped } from '@crm/kernel';
import { startSubgraphServer, type SubgraphServerOptions } from '@crm/kernel/subgraph';
import { TEST_GATEWAY_SIGNING_SECRET } from './test-gateway-signing';
import { testLogger } from './test-logger';
import { TEST_TOKEN_SETTINGS } from './test-token';

/** The context of a stub subgraph's resolvers: who called. */
export interface StubContext extends RequestScoped {
  principal: Principal;
}

export interface StubSubgraph {
  /** Its `/graphql` URL, to give a service under test as a sibling's URL. */
  url: string;
  /** Everyone who connected or sent a request, in order. */
  callers: Principal[];
  stop(): Promise<void>;
}

/**
 * An in-process stand-in for a sibling subgraph, for a service's integration tests (a service never
 * imports another): `schema` (graphql-js, with its own resolvers) served by the kernel's
 * `startSubgraphServer` on a free port, over HTTP and graphql-ws, refusing what is not signed with
 * the test gateway secret and verifying bearer tokens like a real subgraph. `port` reuses a port (a restart).
 */
export async function startStubSubgraph(schema: SubgraphServerOptions<StubContext>['schema'], port = 0): Promise<StubSubgraph> {
  const callers: Principal[] = [];
  const server = await startSubgraphServer<StubContext>({
    schema,
    logger: testLogger,
    host: '127.0.0.1',
    port,
    context: {
      authenticate: async (credentials) => {
        const principal = await principalFromHeader(credentials.authorization, TEST_TOKEN_SETTINGS);
        callers.push(principal);
        return principal;
      },
      create: (principal, requestId) => ({ requestId, principal }),
    },
    readiness: [],
    gatewaySigningSecret: TEST_GATEWAY_SIGNING_SECRET,
  });
  return { url: server.url, callers, stop: () => server.stop() };
}
