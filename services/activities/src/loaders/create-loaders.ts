import { byIdLoader, LoaderRegistry } from '@crm/kernel';
import type { DataSource } from 'typeorm';
import { Activity } from '../entities/activity.entity';
import { lastActivityAtLoader } from './last-activity-at.loader';

/** Fresh loaders for one request: caches must never outlive it or cross users. */
export function createLoaders(db: DataSource) {
  return {
    activityById: byIdLoader(db, Activity),
    lastActivityAtByAccount: lastActivityAtLoader(db, 'accountId'),
    lastActivityAtByContact: lastActivityAtLoader(db, 'contactId'),
    lastActivityAtByOpportunity: lastActivityAtLoader(db, 'opportunityId'),
    /** Argument-dependent loaders for nested connections. */
    lists: new LoaderRegistry(),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
