import type { GatewayConfig } from '../config';

/** Subgraph name (as in the supergraph) → URL from config, overriding the URL composed into the SDL. */
export function subgraphUrls(config: GatewayConfig): Record<string, string> {
  return {
    accounts: config.ACCOUNTS_URL,
    opportunities: config.OPPORTUNITIES_URL,
    activities: config.ACTIVITIES_URL,
  };
}

/** `http://host:4001/graphql` → `http://host:4001/ready`: each subgraph's readiness probe. */
export function readinessUrl(graphqlUrl: string): string {
  return new URL('/ready', graphqlUrl).toString();
}
