import { IdKey, SharedEntity } from '@crm/domain';

/**
 * The accounts service owns teams. This service only hands out references (`{ id }`) and the gateway
 * fetches every other field from accounts, so the stub is not resolvable here.
 */
@SharedEntity('Team', { resolvable: false })
export class Team extends IdKey('Team') {}
