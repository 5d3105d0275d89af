import { DEFAULT_URL, parseWatchDealsArgs, UsageError } from './watch-deals-args';

describe('parseWatchDealsArgs', () => {
  it('takes the token from CRM_TOKEN and the default gateway URL when no flags are given', () => {
    expect(parseWatchDealsArgs([], { CRM_TOKEN: 'jwt' })).toEqual({ url: DEFAULT_URL, token: 'jwt', pipeline: undefined, filter: {} });
  });

  it('maps every flag to the subscription filter, with --token winning over CRM_TOKEN', () => {
    const args = parseWatchDealsArgs(
      ['--pipeline', 'New Business', '--owner', 'u1', '--team', 't1', '--account', 'a1', '--stage-kind', 'won', '--url', 'https://crm.example/graphql', '--token', 'flag'],
      { CRM_TOKEN: 'env' },
    );
    expect(args).toEqual({
      url: 'https://crm.example/graphql',
      token: 'flag',
      pipeline: 'New Business',
      filter: { ownerId: 'u1', teamId: 't1', accountId: 'a1', toStageKind: 'WON' },
    });
  });

  it('refuses to start without a token, saying where one comes from', () => {
    expect(() => parseWatchDealsArgs([], {})).toThrow(new UsageError('no token: pass --token <jwt> or set CRM_TOKEN'));
  });

  it('rejects an unknown stage kind, an unknown flag and a non-HTTP URL', () => {
    expect(() => parseWatchDealsArgs(['--stage-kind', 'MAYBE'], { CRM_TOKEN: 'x' })).toThrow('--stage-kind must be one of OPEN, WON, LOST, got MAYBE');
    expect(() => parseWatchDealsArgs(['--stage', 'WON'], { CRM_TOKEN: 'x' })).toThrow(UsageError);
    expect(() => parseWatchDealsArgs(['--url', 'ws://localhost:4000/graphql'], { CRM_TOKEN: 'x' })).toThrow('--url must be an http(s) URL');
  });
});
