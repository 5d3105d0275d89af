import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../../context';
import type { OperationLimits } from './operation-limits';

/**
 * Applies the limits that need the variables or the caller once Apollo has parsed, validated and
 * picked the operation, and before the gateway plans any subgraph fetch. A thrown GraphQLError here
 * answers with its `extensions.http.status` (400) and nothing is executed.
 */
export function operationLimitsPlugin(limits: OperationLimits): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, contextValue }) {
          // The name the client sent: Apollo's own `operationName` is null when it names no operation.
          const refused = limits.check({ schema, document, variables: request.variables, operationName: request.operationName, principal: contextValue.principal });
          if (refused) throw refused;
        },
      };
    },
  };
}
