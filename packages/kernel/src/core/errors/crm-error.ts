import { GraphQLError } from 'graphql';

/** The stable codes clients can branch on; they travel as `extensions.code`. */
export enum ErrorCode {
  BadUserInput = 'BAD_USER_INPUT',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  Forbidden = 'FORBIDDEN',
  Unauthenticated = 'UNAUTHENTICATED',
  Unavailable = 'SERVICE_UNAVAILABLE',
  Internal = 'INTERNAL_SERVER_ERROR',
}

/**
 * Base of every error we mean to show a client. Anything that is not a CrmError (or one of
 * GraphQL's own request errors) is masked at the boundary, so messages here must be safe to show.
 */
export class CrmError extends GraphQLError {
  constructor(message: string, readonly code: ErrorCode, details: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...details } });
    this.name = new.target.name;
  }
}
