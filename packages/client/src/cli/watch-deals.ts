import WebSocket from 'ws';
import { createCrmClient } from '../create-crm-client';
import { defaultWsUrl } from '../crm-client-options';
import { DEAL_STAGE_CHANGED } from './deal-stage-changed.subscription';
import { formatConnectionState } from './format-connection-state';
import { formatDealChange } from './format-deal-change';
import { resolvePipelineId } from './resolve-pipeline-id';
import { parseWatchDealsArgs, USAGE, UsageError } from './watch-deals-args';

/**
 * `pnpm watch-deals [--pipeline …]`: prints every deal stage change live, one line each on stdout;
 * connection changes go to stderr. Survives gateway restarts without losing events: the SDK reconnects
 * and resumes after the last cursor printed. Ctrl-C exits 0; a bad command line or missing token exits 2;
 * a refused token or a subscription the gateway ends with an error exits 1.
 */
async function main(): Promise<number> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const args = parseWatchDealsArgs(process.argv.slice(2), process.env);
  const wsUrl = defaultWsUrl(args.url);
  const client = createCrmClient({
    url: args.url,
    token: args.token,
    webSocketImpl: WebSocket,
    onConnectionChange: (state) => {
      const line = formatConnectionState(state, wsUrl);
      if (line) process.stderr.write(`${line}\n`);
    },
  });

  let stop = (): void => {
    process.exit(0);
  };
  process.on('SIGINT', () => stop());
  process.on('SIGTERM', () => stop());

  const pipelineId =
    args.pipeline === undefined
      ? undefined
      : await resolvePipelineId(client, args.pipeline).catch((error: Error) => {
          if (error instanceof UsageError) throw error;
          throw new Error(`could not look up --pipeline ${args.pipeline} at ${args.url}: ${error.message}`);
        });
  const filter = { ...args.filter, ...(pipelineId ? { pipelineId } : {}) };

  return new Promise<number>((resolve) => {
    let lastError: Error | undefined;
    const subscription = client
      // no-cache: a watcher that runs for days should not accumulate every deal it ever saw.
      .subscribe({ query: DEAL_STAGE_CHANGED, variables: Object.keys(filter).length ? { filter } : {}, fetchPolicy: 'no-cache' })
      .subscribe({
        next: ({ data, error }) => {
          if (data) process.stdout.write(`${formatDealChange(data.dealStageChanged)}\n`);
          if (error) {
            lastError = error;
            process.stderr.write(`error: ${error.message}\n`);
          }
        },
        complete: () => {
          if (!lastError) process.stderr.write('the gateway ended the subscription\n');
          resolve(lastError ? 1 : 0);
        },
      });
    stop = () => {
      subscription.unsubscribe();
      resolve(0);
    };
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`watch-deals: ${error.message}\n${USAGE}\n`);
      process.exit(2);
    }
    process.stderr.write(`watch-deals: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
