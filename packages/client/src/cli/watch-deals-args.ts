import { parseArgs } from 'node:util';
import type { DealStageChangedFilter, StageKind } from './deal-stage-changed.subscription';

export const USAGE =
  'usage: pnpm watch-deals [--pipeline <id|name>] [--owner <id>] [--team <id>] [--account <id>]\n' +
  '                        [--stage-kind OPEN|WON|LOST] [--url http://localhost:4000/graphql] [--token <jwt>]\n' +
  'The token defaults to $CRM_TOKEN, e.g. export CRM_TOKEN=$(pnpm --silent token --role REP)';

export const DEFAULT_URL = 'http://localhost:4000/graphql';

const STAGE_KINDS: readonly StageKind[] = ['OPEN', 'WON', 'LOST'];

/** Bad command line: the CLI prints the message and the usage, and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface WatchDealsArgs {
  url: string;
  token: string;
  /** A pipeline id or name, resolved to an id before subscribing. */
  pipeline?: string;
  /** The filter without `pipelineId`, which depends on `pipeline`. */
  filter: Omit<DealStageChangedFilter, 'pipelineId'>;
}

/** Parses `argv` (without node and the script); the token comes from `--token` or `env.CRM_TOKEN`. */
export function parseWatchDealsArgs(argv: string[], env: Record<string, string | undefined>): WatchDealsArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        pipeline: { type: 'string' },
        owner: { type: 'string' },
        team: { type: 'string' },
        account: { type: 'string' },
        'stage-kind': { type: 'string' },
        url: { type: 'string' },
        token: { type: 'string' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const str = (key: string): string | undefined => (typeof values[key] === 'string' ? (values[key] as string) : undefined);

  const token = str('token') ?? env.CRM_TOKEN;
  if (!token) throw new UsageError('no token: pass --token <jwt> or set CRM_TOKEN');

  const url = str('url') ?? DEFAULT_URL;
  if (!/^https?:\/\//i.test(url)) throw new UsageError(`--url must be an http(s) URL, got ${url}`);

  const kind = str('stage-kind')?.toUpperCase();
  if (kind !== undefined && !STAGE_KINDS.includes(kind as StageKind)) {
    throw new UsageError(`--stage-kind must be one of ${STAGE_KINDS.join(', ')}, got ${str('stage-kind')}`);
  }

  const filter: WatchDealsArgs['filter'] = {};
  if (str('owner')) filter.ownerId = str('owner');
  if (str('team')) filter.teamId = str('team');
  if (str('account')) filter.accountId = str('account');
  if (kind) filter.toStageKind = kind as StageKind;
  return { url, token, pipeline: str('pipeline'), filter };
}
