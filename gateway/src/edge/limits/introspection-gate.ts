import { UserRole, type Principal } from '@crm/kernel';
import { BREAK, GraphQLError, visit, type DocumentNode } from 'graphql';
import { VALIDATION_FAILED } from './limit-error';

/** Roles that may introspect the schema in production. */
export const INTROSPECTING_ROLES: readonly UserRole[] = [UserRole.ADMIN, UserRole.ANALYST];

/**
 * True when the document selects `__schema` or `__type` anywhere (in any operation or fragment,
 * whatever the fragment is called). `__typename` is not introspection: clients need it.
 */
export function usesIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * In production only ADMIN and ANALYST may introspect (a map of the API is a map for attackers);
 * in development everyone may. Returns the refusal, or undefined when the operation may run.
 */
export function introspectionRefusal(document: DocumentNode, principal: Principal | undefined, production: boolean): GraphQLError | undefined {
  if (!production || !usesIntrospection(document)) return undefined;
  if (principal && INTROSPECTING_ROLES.includes(principal.role)) return undefined;
  return new GraphQLError(`Introspection is available to ${INTROSPECTING_ROLES.join(' and ')} users only, got role ${principal?.role ?? 'none'}`, {
    extensions: { code: VALIDATION_FAILED, http: { status: 400 } },
  });
}
