import 'reflect-metadata';
import { demoSeed, sharedWithOwnersTeam, type Book } from '@crm/demo-data';
import { seedAuditTrail, type SeedDefinition } from '@crm/kernel/subgraph';
import { Activity } from './activities/activity.entity';
import { ACTIVITY_RECORD } from './activities/activity.record';
import { activitiesDataSource } from './data-source';
import { backfillInteractionEvents } from './activities/interaction-logged.log';

/**
 * This service's slice of the demo book: every activity, shared with its owner's team. `timelineAt`
 * is not written: PostgreSQL computes it from occurredAt, dueAt and createdAt (a generated column).
 */
export const activitiesSeed: SeedDefinition<Book> = demoSeed({
  name: 'activities',
  dataSource: activitiesDataSource,
  seededWhen: Activity,
  async load(manager, book, insert) {
    await insert(Activity, sharedWithOwnersTeam(book, book.activities));
    await seedAuditTrail(manager, ACTIVITY_RECORD, { actor: 'record.owner_id' });
    // The interaction log starts with each account's state, as the migration's backfill would have written it.
    await backfillInteractionEvents(manager);
  },
});
