import { formatConnectionState } from './format-connection-state';

describe('formatConnectionState', () => {
  const url = 'ws://localhost:4000/graphql';

  it('describes a drop and the reconnect that follows', () => {
    expect(formatConnectionState({ status: 'connecting', retry: false }, url)).toBe('connecting to ws://localhost:4000/graphql…');
    expect(formatConnectionState({ status: 'connected', retry: false }, url)).toBe('connected; waiting for deal stage changes');
    expect(formatConnectionState({ status: 'disconnected', code: 1012, reason: 'Service Restart', fatal: false }, url)).toBe('disconnected (1012 Service Restart)');
    expect(formatConnectionState({ status: 'reconnecting', attempt: 3, delayMs: 1234 }, url)).toBe('reconnecting in 1.2 s (attempt 3)');
    expect(formatConnectionState({ status: 'connecting', retry: true }, url)).toBeUndefined();
    expect(formatConnectionState({ status: 'connected', retry: true }, url)).toBe('reconnected; resuming after the last event received');
  });

  it('says what to do about a refused token and stays quiet about the normal close on exit', () => {
    expect(formatConnectionState({ status: 'disconnected', code: 4403, reason: 'Forbidden', fatal: true }, url)).toBe(
      'the gateway refused the token (4403 Forbidden): check --token or CRM_TOKEN',
    );
    expect(formatConnectionState({ status: 'disconnected', code: 1000, reason: 'Normal Closure', fatal: false }, url)).toBeUndefined();
  });
});
