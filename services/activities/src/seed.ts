import 'reflect-metadata';
import { generateBook, type Book } from '@crm/demo-data';
import type { SeedDefinition } from '@crm/kernel';
import { Activity } from './entities/activity.entity';
import { activitiesDataSource } from './data-source';

/**
 * This service's slice of the demo book: every activity. `timelineAt` is not written: PostgreSQL
 * computes it from occurredAt, dueAt and createdAt (a generated column).
 */
export const activitiesSeed: SeedDefinition<Book> = {
  name: 'activities',
  dataSource: activitiesDataSource,
  generate: generateBook,
  isSeeded: (db) => db.getRepository(Activity).exists(),
  async load(_manager, book, insert) {
    await insert(Activity, book.activities);
  },
};
