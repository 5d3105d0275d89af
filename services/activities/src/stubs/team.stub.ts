import { IdKey, SharedEntity } from '@crm/domain';

/**
 * `Team` belongs to the accounts subgraph. This service only points at teams (`Activity.team`) and
 * adds no fields, so the stub is not resolvable here: the gateway fetches teams from accounts.
 */
@SharedEntity('Team', { resolvable: false })
export class Team extends IdKey('Team') {}
