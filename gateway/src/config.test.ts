import { createRequire } from 'node:module';
import { ConfigError } from '@crm/kernel';
import { loadConfig, sizeInBytes } from './config';

/** The `bytes` package express's JSON body parser reads BODY_LIMIT with (a dependency of a dependency, not of the gateway). */
function expressBytes(): { parse(value: string): number | null } {
  const fromGateway = createRequire(__filename);
  const fromExpress = createRequire(fromGateway.resolve('express'));
  return createRequire(fromExpress.resolve('body-parser'))('bytes');
}

describe('sizeInBytes', () => {
  it('reads a size exactly as express reads BODY_LIMIT', () => {
    const bytes = expressBytes();
    for (const size of ['1mb', '1MB', '512kb', '1.5mb', '2 gb', '1tb', '1pb', '65536', '100b', '0', '12abc', 'garbage', '', '-1kb', '+3kb']) {
      const expected = bytes.parse(size);
      expect([size, sizeInBytes(size)]).toEqual([size, expected ?? NaN]);
    }
  });
});

describe('loadConfig', () => {
  it('defaults the subscription limits to 50 per connection and 200 per user', () => {
    const config = loadConfig({});
    expect([config.MAX_SUBSCRIPTIONS_PER_SOCKET, config.MAX_SUBSCRIPTIONS_PER_USER]).toEqual([50, 200]);
  });

  it('refuses subscription limits below 1 or fractional, and a body limit that is no size', () => {
    const problems = (() => {
      try {
        loadConfig({ MAX_SUBSCRIPTIONS_PER_SOCKET: '0', MAX_SUBSCRIPTIONS_PER_USER: '2.5', BODY_LIMIT: 'lots' });
      } catch (error) {
        return (error as ConfigError).problems;
      }
      return {};
    })();
    expect(problems).toEqual({
      MAX_SUBSCRIPTIONS_PER_SOCKET: 'must be a whole number ≥ 1, got "0"',
      MAX_SUBSCRIPTIONS_PER_USER: 'must be a whole number ≥ 1, got "2.5"',
      BODY_LIMIT: 'must be a size of at least 1 byte such as 1mb, 512kb or 65536, got "lots"',
    });
  });
});
