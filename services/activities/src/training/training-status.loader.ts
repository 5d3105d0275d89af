import { type Principal } from '@crm/kernel';
import { groupByKeys, readableBy } from '@crm/kernel/subgraph';
import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { Activity } from '../activities/activity.entity';
import { ActivityType } from '../activities/activity-type.enum';
import { ACTIVITY_RECORD } from '../activities/activity.record';

/** Most trainings each list of a `TrainingStatus` holds; the counts are always complete. */
export const TRAINING_LIST_LIMIT = 100;

/** Which list a training is on. */
type Bucket = 'done' | 'due' | 'overdue';

export interface TrainingStatusData {
  done: Activity[];
  due: Activity[];
  overdue: Activity[];
  doneCount: number;
  dueCount: number;
  overdueCount: number;
}

/**
 * `Account.trainingStatus` of many accounts in two queries: one window query sorts each account's
 * live TRAINING activities that `principal` may read into done (completed), overdue (open, past
 * due — the SQL twin of `isOverdue`) and due (open, due later or without a due date), counts each
 * list and picks its first `TRAINING_LIST_LIMIT`; a second fetches those activities.
 */
export function trainingStatusLoader(db: DataSource, principal: Principal): DataLoader<string, TrainingStatusData> {
  return new DataLoader(async (accountIds) => {
    const bucket = `CASE WHEN activity.completedAt IS NOT NULL THEN 'done' WHEN activity.dueAt < now() THEN 'overdue' ELSE 'due' END`;
    const windowed = readableBy(db.getRepository(Activity).createQueryBuilder('activity'), ACTIVITY_RECORD, principal)
      .andWhere('activity.type = :training', { training: ActivityType.TRAINING })
      .andWhere('activity.accountId IN (:...accountIds)', { accountIds: [...accountIds] })
      .select('activity.id', 'id')
      .addSelect('activity.accountId', 'parent')
      .addSelect(bucket, 'bucket')
      .addSelect(`count(*) OVER (PARTITION BY activity.accountId, ${bucket})`, 'total')
      // Done: latest completion first; overdue: longest overdue first; due: soonest first, undated last.
      .addSelect(
        `row_number() OVER (PARTITION BY activity.accountId, ${bucket} ORDER BY activity.completedAt DESC NULLS LAST, activity.dueAt ASC NULLS LAST, activity.id)`,
        'rn',
      );
    const [sql, params] = windowed.getQueryAndParameters();
    const picked: { id: string; parent: string; bucket: Bucket; total: number }[] = await db.query(
      `SELECT id, parent, bucket, total::int AS total FROM (${sql}) listed WHERE listed.rn <= ${TRAINING_LIST_LIMIT} ORDER BY parent, bucket, rn`,
      params,
    );
    const entities = picked.length > 0 ? await db.getRepository(Activity).findBy({ id: In(picked.map((row) => row.id)) }) : [];
    const byId = new Map(entities.map((activity) => [activity.id, activity]));
    return groupByKeys(accountIds, picked, (row) => row.parent).map((rows) => {
      const status: TrainingStatusData = { done: [], due: [], overdue: [], doneCount: 0, dueCount: 0, overdueCount: 0 };
      for (const row of rows) {
        const activity = byId.get(row.id);
        if (activity) status[row.bucket].push(activity);
        status[`${row.bucket}Count`] = row.total;
      }
      return status;
    });
  });
}
