import { IdKey, SharedEntity } from '@crm/domain';

/**
 * `User` belongs to the accounts subgraph. This service only points at users (`Activity.owner`) and
 * adds no fields, so the stub is not resolvable here: the gateway fetches users from accounts.
 */
@SharedEntity('User', { resolvable: false })
export class User extends IdKey('User') {}
