import { ForbiddenError } from '../errors/forbidden.error';
import type { Principal, UserRole } from './principal';

/** Refuses with FORBIDDEN unless the caller has one of `roles`. */
export function requireRole(principal: Principal, roles: readonly UserRole[], action: string): void {
  if (!roles.includes(principal.role)) {
    throw new ForbiddenError(`Only ${roles.join(' or ')} may ${action}; you are ${principal.role}`);
  }
}
