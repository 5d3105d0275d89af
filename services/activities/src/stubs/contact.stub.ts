import { IdKey, SharedEntity } from '@crm/domain';

/**
 * `Contact` belongs to the accounts subgraph. This service adds the person's activities and when we
 * last interacted with them, so the stub is resolvable here.
 */
@SharedEntity('Contact')
export class Contact extends IdKey('Contact') {}
