import { ApolloServerErrorCode } from '@apollo/server/errors';
import { GraphQLError, type ASTNode } from 'graphql';

/** The code of every refused operation, as for graphql's own validation errors (Apollo's code, which the WebSocket server uses too). */
export const VALIDATION_FAILED = ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED;

/**
 * An operation over one of the gateway's limits: "Query depth 15 exceeds the maximum of 12".
 * HTTP status 400, so a refusal from a plugin answers like one from a validation rule.
 */
export function limitError(what: string, found: number, maximum: number, node?: ASTNode): GraphQLError {
  return new GraphQLError(`${what} ${found} exceeds the maximum of ${maximum}`, {
    nodes: node ? [node] : undefined,
    extensions: { code: VALIDATION_FAILED, http: { status: 400 } },
  });
}
