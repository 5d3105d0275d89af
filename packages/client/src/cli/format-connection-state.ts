import type { ConnectionState } from '../ws/connection-state';

/** A line for stderr describing a connection change, or undefined when there is nothing worth saying. */
export function formatConnectionState(state: ConnectionState, wsUrl: string): string | undefined {
  switch (state.status) {
    case 'connecting':
      return state.retry ? undefined : `connecting to ${wsUrl}…`;
    case 'connected':
      return state.retry ? 'reconnected; resuming after the last event received' : 'connected; waiting for deal stage changes';
    case 'disconnected': {
      if (state.code === 1000) return undefined; // our own idle close on exit
      const why = `${state.code}${state.reason ? ` ${state.reason}` : ''}`;
      if (state.code === 4403) return `the gateway refused the token (${why}): check --token or CRM_TOKEN`;
      return state.fatal ? `connection closed for good (${why})` : `disconnected (${why})`;
    }
    case 'reconnecting':
      return `reconnecting in ${(state.delayMs / 1000).toFixed(1)} s (attempt ${state.attempt})`;
  }
}
