// Hive Gateway configuration for bench/compare-gateways.mjs: it calls our subgraphs the way our
// gateway does, so both do the same work. Every subgraph request is signed as the gateway (the
// subgraphs refuse anything unsigned) over the exact method, path and body sent, and carries the
// caller's token (the subgraphs check the caller's rights again).
//
// GATEWAY_SIGNING_SECRET: the secret the subgraphs verify with.
// HIVE_DEDUPLICATE_INFLIGHT=false: turns off Hive's sharing of identical in-flight subgraph requests
// (on by default), which the benchmark measures both ways.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { gatewaySignatureHeaders, signGatewayRequest } = require('../../packages/kernel/dist/index.js');

const secret = process.env.GATEWAY_SIGNING_SECRET;
if (!secret) throw new Error('GATEWAY_SIGNING_SECRET must be set: the subgraphs refuse unsigned requests');

export const gatewayConfig = {
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get('authorization') ?? '' }),
  },
  plugins: () => [
    {
      onFetch({ url, options, setOptions }) {
        const { pathname, search } = new URL(url);
        const body = typeof options.body === 'string' ? options.body : '';
        const signed = signGatewayRequest(secret, { method: options.method ?? 'GET', path: pathname + search, body });
        setOptions({ ...options, headers: { ...options.headers, ...gatewaySignatureHeaders(signed) } });
      },
    },
  ],
  ...(process.env.HIVE_DEDUPLICATE_INFLIGHT === 'false' ? { transportEntries: { '*': { options: { deduplicateInflightRequests: false } } } } : {}),
};
