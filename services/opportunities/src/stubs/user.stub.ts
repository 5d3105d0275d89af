import { IdKey, SharedEntity } from '@crm/domain';

/**
 * The accounts service owns users. This service only hands out references (`{ id }`) and the gateway
 * fetches every other field from accounts, so the stub is not resolvable here.
 */
@SharedEntity('User', { resolvable: false })
export class User extends IdKey('User') {}
