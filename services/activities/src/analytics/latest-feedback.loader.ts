import { type Principal } from '@crm/kernel';
import { groupByKeys, readableBy } from '@crm/kernel/subgraph';
import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { Activity } from '../activities/activity.entity';
import { ActivityType } from '../activities/activity-type.enum';
import { ACTIVITY_RECORD } from '../activities/activity.record';

/** How many comments `FeedbackSummary.latestComments` lists. */
export const LATEST_COMMENTS = 5;

/**
 * The latest commented FEEDBACK activities (a non-blank `body`) of many accounts, newest first, in
 * two queries: a window query picks each account's `LATEST_COMMENTS` that `principal` may read,
 * a second fetches them.
 */
export function latestFeedbackLoader(db: DataSource, principal: Principal): DataLoader<string, Activity[]> {
  return new DataLoader(async (accountIds) => {
    const windowed = readableBy(db.getRepository(Activity).createQueryBuilder('activity'), ACTIVITY_RECORD, principal)
      .andWhere('activity.type = :feedback', { feedback: ActivityType.FEEDBACK })
      .andWhere(`btrim(coalesce(activity.body, '')) <> ''`)
      .andWhere('activity.accountId IN (:...accountIds)', { accountIds: [...accountIds] })
      .select('activity.id', 'id')
      .addSelect('activity.accountId', 'parent')
      .addSelect('row_number() OVER (PARTITION BY activity.accountId ORDER BY activity.occurredAt DESC, activity.id DESC)', 'rn');
    const [sql, params] = windowed.getQueryAndParameters();
    const picked: { id: string; parent: string }[] = await db.query(
      `SELECT id, parent FROM (${sql}) latest WHERE latest.rn <= ${LATEST_COMMENTS} ORDER BY parent, rn`,
      params,
    );
    const entities = picked.length > 0 ? await db.getRepository(Activity).findBy({ id: In(picked.map((row) => row.id)) }) : [];
    const byId = new Map(entities.map((activity) => [activity.id, activity]));
    return groupByKeys(accountIds, picked, (row) => row.parent).map((rows) => rows.map((row) => byId.get(row.id)).filter((a): a is Activity => Boolean(a)));
  });
}
