import 'reflect-metadata';
import { generateBook, type Book } from '@crm/demo-data';
import type { SeedDefinition } from '@crm/kernel';
import { Activity } from './entities/activity.entity';
import { activitiesDataSource } from './data-source';

/**
 * This service's slice of the demo book: every activity, shared with its owner's team. `timelineAt`
 * is not written: PostgreSQL computes it from occurredAt, dueAt and createdAt (a generated column).
 */
export const activitiesSeed: SeedDefinition<Book> = {
  name: 'activities',
  dataSource: activitiesDataSource,
  generate: generateBook,
  isSeeded: (db) => db.getRepository(Activity).exists(),
  async load(_manager, book, insert) {
    // The book knows each owner's team; an activity is shared with it, as a new one is with its creator's.
    const teamOfUser = new Map(book.users.map((user) => [user.id, user.teamId]));
    await insert(
      Activity,
      book.activities.map((activity) => ({ ...activity, teamId: teamOfUser.get(activity.ownerId) ?? null })),
    );
  },
};
