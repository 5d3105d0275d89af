import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Logger } from 'pino';
import { isUnexpectedError } from '../errors/format-error';
import { graphqlRequestDuration } from '../metrics/metrics';

export interface RequestScoped extends BaseContext {
  requestId: string;
}

/**
 * Times each operation, logs unexpected errors in full with the request id (clients only see the
 * masked message), and returns the request id in every error so support can find the log line.
 */
export function requestPlugin<C extends RequestScoped>(logger: Logger): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      const stop = graphqlRequestDuration.startTimer();
      let failed = false;
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          failed = true;
          for (const error of errors) {
            const original = (error.originalError ?? error) as { extensions?: Record<string, unknown> };
            if (isUnexpectedError(error) && isUnexpectedError(original)) {
              logger.error({ err: error.originalError ?? error, path: error.path, requestId: contextValue?.requestId, operationName }, 'unexpected error');
            }
          }
        },
        async willSendResponse({ response, contextValue, operation }) {
          stop({ operation: operation?.operation ?? 'unknown', outcome: failed ? 'error' : 'ok' });
          if (response.body.kind === 'single' && response.body.singleResult.errors && contextValue?.requestId) {
            for (const error of response.body.singleResult.errors) {
              (error as { extensions?: Record<string, unknown> }).extensions = { ...error.extensions, requestId: contextValue.requestId };
            }
          }
        },
      };
    },
  };
}
