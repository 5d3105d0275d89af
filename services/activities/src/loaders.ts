import { type Principal } from '@crm/kernel';
import { LoaderRegistry, readableByIdLoader } from '@crm/kernel/subgraph';
import type { DataSource } from 'typeorm';
import { ACTIVITY_RECORD } from './activities/activity.record';
import { feedbackSummaryLoader } from './analytics/feedback-summary.loader';
import { lastActivityAtLoader } from './activities/last-activity-at.loader';
import { latestFeedbackLoader } from './analytics/latest-feedback.loader';
import { trainingStatusLoader } from './training/training-status.loader';

/** Fresh loaders for one request: caches must never outlive it or cross users. Activities load only when `principal` may read them. */
export function createLoaders(db: DataSource, principal: Principal) {
  return {
    activityById: readableByIdLoader(db, ACTIVITY_RECORD, principal),
    lastActivityAtByAccount: lastActivityAtLoader(db, principal, 'accountId'),
    lastActivityAtByContact: lastActivityAtLoader(db, principal, 'contactId'),
    lastActivityAtByOpportunity: lastActivityAtLoader(db, principal, 'opportunityId'),
    trainingStatusByAccount: trainingStatusLoader(db, principal),
    feedbackSummaryByAccount: feedbackSummaryLoader(db, principal),
    latestFeedbackByAccount: latestFeedbackLoader(db, principal),
    /** Argument-dependent loaders for nested connections. */
    lists: new LoaderRegistry(),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
