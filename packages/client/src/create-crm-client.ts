import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { OperationTypeNode } from 'graphql';
import type { Client as WsClient } from 'graphql-ws';
import { throwError } from 'rxjs';
import { bearer } from './auth/resolve-token';
import { CRM_CLIENT_DEFAULTS, defaultWsUrl, type CrmClientOptions } from './crm-client-options';
import { ResubscribeLink } from './links/resubscribe-link';
import { ResumeLink } from './links/resume-link';
import { createWsClient } from './ws/create-ws-client';

export type { CrmClientOptions } from './crm-client-options';

/** An ApolloClient plus the subscription socket it owns. */
export type CrmClient = ApolloClient & {
  /** The graphql-ws client behind subscriptions; undefined when no WebSocket implementation is available. */
  readonly ws: WsClient | undefined;
  /** Stops the Apollo client and closes the subscription socket. */
  dispose(): Promise<void>;
};

/**
 * An Apollo Client for the CRM gateway. Queries and mutations go over HTTP with the bearer token in the
 * `authorization` header of every request; subscriptions go over one graphql-ws socket (token in
 * `connectionParams.authorization`), which reconnects forever with backoff and resumes cursor-carrying
 * subscriptions after the last event delivered (see links/resume-link.ts). Entities are normalised by
 * `__typename` + `id`, which every CRM entity has.
 */
export function createCrmClient(options: CrmClientOptions): CrmClient {
  const auth = new SetContextLink(async (prevContext) => ({
    headers: { ...prevContext.headers, authorization: await bearer(options.token) },
  }));
  const http = ApolloLink.from([auth, new HttpLink({ uri: options.url, fetch: options.fetch })]);

  const backoff = {
    baseDelayMs: options.reconnectBaseDelayMs ?? CRM_CLIENT_DEFAULTS.reconnectBaseDelayMs,
    maxDelayMs: options.reconnectMaxDelayMs ?? CRM_CLIENT_DEFAULTS.reconnectMaxDelayMs,
  };
  const webSocketImpl = options.webSocketImpl ?? (globalThis as { WebSocket?: unknown }).WebSocket;
  const ws = webSocketImpl
    ? createWsClient({
        url: options.wsUrl ?? defaultWsUrl(options.url),
        token: options.token,
        webSocketImpl,
        reconnectBaseDelayMs: backoff.baseDelayMs,
        reconnectMaxDelayMs: backoff.maxDelayMs,
        keepAliveMs: options.keepAliveMs ?? CRM_CLIENT_DEFAULTS.keepAliveMs,
        pongTimeoutMs: options.pongTimeoutMs ?? CRM_CLIENT_DEFAULTS.pongTimeoutMs,
        onConnectionChange: options.onConnectionChange,
      })
    : undefined;
  const subscriptions = ws
    ? ApolloLink.from([
        new ResumeLink({ compareCursors: options.compareCursors, fetchHead: (field) => fetchHead(options, field) }),
        new ResubscribeLink({
          backoff,
          onResubscribe: (attempt, delayMs) => options.onConnectionChange?.({ status: 'reconnecting', attempt, delayMs }),
        }),
        new GraphQLWsLink(ws),
      ])
    : new ApolloLink(() => throwError(() => new Error(NO_WEBSOCKET)));

  const client = new ApolloClient({
    link: ApolloLink.split((operation) => operation.operationType === OperationTypeNode.SUBSCRIPTION, subscriptions, http),
    cache: new InMemoryCache(),
    defaultOptions: { query: { fetchPolicy: 'network-only' } },
  });
  return Object.assign(client, {
    ws,
    async dispose() {
      client.stop();
      // graphql-ws rejects when a pending connect fails meanwhile; the socket is gone either way.
      await Promise.resolve(ws?.dispose()).catch(() => undefined);
    },
  });
}

/** The gateway's `<field>Cursor` (e.g. `dealStageChangedCursor`) over HTTP; undefined when it has none or cannot answer. */
async function fetchHead(options: CrmClientOptions, field: string): Promise<string | undefined> {
  const response = await (options.fetch ?? fetch)(options.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: await bearer(options.token) },
    body: JSON.stringify({ query: `query { ${field}Cursor }` }),
  });
  const cursor = ((await response.json()) as { data?: Record<string, unknown> | null }).data?.[`${field}Cursor`];
  return typeof cursor === 'string' ? cursor : undefined;
}

const NO_WEBSOCKET =
  'Subscriptions need a WebSocket implementation, but there is no global WebSocket (Node < 22): ' +
  "pass `webSocketImpl: WebSocket` from 'ws' to createCrmClient";
