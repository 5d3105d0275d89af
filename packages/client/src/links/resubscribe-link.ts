import { ApolloLink } from '@apollo/client';
import { retry, throwError, timer, type Observable } from 'rxjs';
import { backoffDelay, type BackoffSettings } from '../ws/backoff';
import { closeCodeOf, RESUBSCRIBE_CLOSE_CODES } from '../ws/close-codes';

export interface ResubscribeLinkOptions {
  backoff: BackoffSettings;
  /** Called before each resubscription is scheduled (attempt is 1-based). */
  onResubscribe?: (attempt: number, delayMs: number) => void;
}

/**
 * Resubscribes, after a full-jitter backoff, when the socket closed with a code that graphql-ws treats
 * as final but our gateway documents as transient (4500: "reconnect with backoff"). Every other drop is
 * retried inside graphql-ws itself and never reaches this link. Placed between the ResumeLink and the
 * GraphQLWsLink, so a resubscription carries the resume link's latest `after`. The attempt count resets
 * as soon as an event arrives.
 */
export class ResubscribeLink extends ApolloLink {
  constructor(private readonly options: ResubscribeLinkOptions) {
    super();
  }

  override request(operation: ApolloLink.Operation, forward: ApolloLink.ForwardFunction): Observable<ApolloLink.Result> {
    return forward(operation).pipe(
      retry({
        resetOnSuccess: true,
        delay: (error: unknown, attempt: number) => {
          const code = closeCodeOf(error);
          if (code === undefined || !RESUBSCRIBE_CLOSE_CODES.has(code)) return throwError(() => error);
          const delayMs = backoffDelay(attempt - 1, this.options.backoff);
          this.options.onResubscribe?.(attempt, delayMs);
          return timer(delayMs);
        },
      }),
    );
  }
}
