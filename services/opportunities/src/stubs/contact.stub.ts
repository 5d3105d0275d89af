import { IdKey, SharedEntity } from '@crm/domain';

/**
 * The accounts service owns contacts. This service only hands out references (`{ id }`, e.g. a
 * buying-committee member's person) and the gateway fetches every other field from accounts, so the
 * stub is not resolvable here.
 */
@SharedEntity('Contact', { resolvable: false })
export class Contact extends IdKey('Contact') {}
