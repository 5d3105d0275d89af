import { IdKey, SharedEntity } from '@crm/domain';

/**
 * `Account` belongs to the accounts subgraph. This service adds its timeline (`activities`,
 * `lastActivityAt`), so the stub is resolvable here: the gateway sends `{ id }` representations.
 */
@SharedEntity('Account')
export class Account extends IdKey('Account') {}
