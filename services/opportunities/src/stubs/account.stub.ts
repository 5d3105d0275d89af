import { IdKey, SharedEntity } from '@crm/domain';

/**
 * The accounts service owns accounts. This service adds `opportunities` and `openPipelineValue` to
 * them, so its stub is resolvable: the gateway sends `{ id }` here to fetch those fields.
 */
@SharedEntity('Account')
export class Account extends IdKey('Account') {}
