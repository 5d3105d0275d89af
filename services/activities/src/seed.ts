import 'reflect-metadata';
import { generateBook, type Book } from '@crm/demo-data';
import { seedAuditTrail, type SeedDefinition } from '@crm/kernel/subgraph';
import { Activity } from './activities/activity.entity';
import { activitiesDataSource } from './data-source';
import { backfillInteractionEvents } from './activities/interaction-logged.log';

/**
 * This service's slice of the demo book: every activity, shared with its owner's team. `timelineAt`
 * is not written: PostgreSQL computes it from occurredAt, dueAt and createdAt (a generated column).
 */
export const activitiesSeed: SeedDefinition<Book> = {
  name: 'activities',
  dataSource: activitiesDataSource,
  generate: generateBook,
  isSeeded: (db) => db.getRepository(Activity).exists(),
  async load(manager, book, insert) {
    // The book knows each owner's team; an activity is shared with it, as a new one is with its creator's.
    const teamOfUser = new Map(book.users.map((user) => [user.id, user.teamId]));
    await insert(
      Activity,
      book.activities.map((activity) => ({ ...activity, teamId: teamOfUser.get(activity.ownerId) ?? null })),
    );
    await seedAuditTrail(manager, { entityType: 'Activity', schema: 'activities', source: 'activities.activities record', actor: 'record.owner_id' });
    // The interaction log starts with each account's state, as the migration's backfill would have written it.
    await backfillInteractionEvents(manager);
  },
};
