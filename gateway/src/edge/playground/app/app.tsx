/**
 * Browser entry of the gateway's offline GraphiQL playground.
 *
 * Bundled by ./build.mjs (esbuild) into dist/playground-assets/playground.{js,css}
 * and served by ../playground.ts. Everything the IDE needs ships in
 * that bundle: no CDN, works without internet access.
 */
import { createRoot } from 'react-dom/client';
import { GraphiQL, type GraphiQLProps } from 'graphiql';
import { explorerPlugin } from '@graphiql/plugin-explorer';
import { createClient, type Client } from 'graphql-ws';
import { getOperationAST, parse, type DocumentNode } from 'graphql';

import 'graphiql/graphiql.css';
import '@graphiql/plugin-explorer/dist/style.css';

/** Shape of `<script id="playground-config" type="application/json">`. */
interface PlaygroundConfig {
  endpoint: string;
  defaultHeaders: string | null;
  defaultQuery: string;
}

type Fetcher = GraphiQLProps['fetcher'];
type FetcherParams = Parameters<Fetcher>[0];
type FetcherResult = ReturnType<Fetcher>;
type Headers = Record<string, string>;

function readConfig(): PlaygroundConfig {
  let raw: Partial<PlaygroundConfig> = {};
  const text = document.getElementById('playground-config')?.textContent;
  if (text) {
    try {
      raw = JSON.parse(text) as Partial<PlaygroundConfig>;
    } catch (err) {
      console.error('playground: invalid #playground-config JSON', err);
    }
  }
  return {
    endpoint: typeof raw.endpoint === 'string' && raw.endpoint ? raw.endpoint : '/graphql',
    defaultHeaders: typeof raw.defaultHeaders === 'string' ? raw.defaultHeaders : null,
    defaultQuery: typeof raw.defaultQuery === 'string' ? raw.defaultQuery : '',
  };
}

/** Header values typed in the editor may be numbers/booleans; fetch wants strings. */
function toHeaders(input: Record<string, unknown> | undefined): Headers {
  const out: Headers = {};
  for (const [name, value] of Object.entries(input ?? {})) {
    if (value !== undefined && value !== null) out[name] = String(value);
  }
  return out;
}

function isSubscription(params: FetcherParams, documentAST: DocumentNode | undefined): boolean {
  let doc = documentAST;
  if (!doc) {
    try {
      doc = parse(params.query);
    } catch {
      return false; // let the server report the syntax error
    }
  }
  return getOperationAST(doc, params.operationName ?? undefined)?.operation === 'subscription';
}

function toError(err: unknown): Error {
  if (err instanceof Error) return err;
  if (typeof CloseEvent !== 'undefined' && err instanceof CloseEvent) {
    return new Error(`Subscription socket closed: ${err.code} ${err.reason}`.trim());
  }
  if (Array.isArray(err)) {
    // graphql-ws reports GraphQL errors of a failed subscribe as an array
    return new Error(err.map((e: { message?: unknown }) => String(e?.message ?? e)).join('\n'));
  }
  return new Error(String(err));
}

/**
 * Small stand-in for `createGraphiQLFetcher` (@graphiql/toolkit is only a
 * transitive dependency of graphiql and not resolvable from gateway/):
 * queries and mutations are POSTed as JSON, subscriptions go over graphql-ws
 * on the same path. The headers editor's JSON is sent as HTTP headers and as
 * the websocket connectionParams (same convention as @graphiql/toolkit).
 */
function createFetcher(httpUrl: string): Fetcher {
  const wsUrl = httpUrl.replace(/^http/, 'ws');
  let ws: { client: Client; key: string } | undefined;

  const wsClient = (headers: Headers): Client => {
    const key = JSON.stringify(headers);
    if (ws?.key !== key) {
      void ws?.client.dispose();
      ws = { key, client: createClient({ url: wsUrl, connectionParams: headers, lazy: true, retryAttempts: 0 }) };
    }
    return ws.client;
  };

  async function* subscribe(client: Client, params: FetcherParams) {
    try {
      yield* client.iterate({
        query: params.query,
        operationName: params.operationName ?? undefined,
        variables: params.variables ?? undefined,
      });
    } catch (err) {
      throw toError(err);
    }
  }

  async function post(params: FetcherParams, headers: Headers) {
    const response = await fetch(httpUrl, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        accept: 'application/graphql-response+json, application/json',
        'content-type': 'application/json',
        ...headers,
      },
      body: JSON.stringify(params),
    });
    const contentType = response.headers.get('content-type') ?? '';
    if (/json/i.test(contentType)) return response.json();
    const text = await response.text();
    throw new Error(`HTTP ${response.status} ${response.statusText}${text ? `\n\n${text.slice(0, 2000)}` : ''}`);
  }

  return (params, opts) => {
    const headers = toHeaders(opts?.headers);
    if (isSubscription(params, opts?.documentAST)) {
      return subscribe(wsClient(headers), params) as unknown as FetcherResult;
    }
    return post(params, headers) as FetcherResult;
  };
}

const config = readConfig();
const fetcher = createFetcher(new URL(config.endpoint, window.location.origin).href);
// Created once: GraphiQL compares plugins by identity.
const plugins = [explorerPlugin()];

function Playground() {
  return (
    <GraphiQL
      fetcher={fetcher}
      plugins={plugins}
      defaultQuery={config.defaultQuery}
      defaultHeaders={config.defaultHeaders ?? undefined}
      defaultEditorToolsVisibility={config.defaultHeaders ? 'headers' : undefined}
      isHeadersEditorEnabled
      // Headers usually carry a short-lived development token: keep them out of
      // localStorage so a fresh page load always starts from the server's default.
      shouldPersistHeaders={false}
    />
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('playground: #root element missing');
createRoot(root).render(<Playground />);
