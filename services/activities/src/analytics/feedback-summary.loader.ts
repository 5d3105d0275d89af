import { type Principal } from '@crm/kernel';
import { byKeys, readableBy } from '@crm/kernel/subgraph';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { Activity } from '../activities/activity.entity';
import { ActivityType } from '../activities/activity-type.enum';
import { ACTIVITY_RECORD } from '../activities/activity.record';

/** The figures of a `FeedbackSummary`, all computed by PostgreSQL. */
export interface FeedbackFigures {
  count: number;
  average: number | null;
  nps: number | null;
  promoters: number;
  passives: number;
  detractors: number;
}

const NONE: FeedbackFigures = { count: 0, average: null, nps: null, promoters: 0, passives: 0, detractors: 0 };

/**
 * `Account.feedbackSummary` figures of many accounts in one GROUP BY over their live, scored
 * FEEDBACK activities that `principal` may read: count, average (2 decimals), promoters (9–10),
 * passives (7–8), detractors (0–6) and NPS = (promoters − detractors) × 100 ÷ count (1 decimal).
 * Accounts without scored feedback get zeros and nulls.
 */
export function feedbackSummaryLoader(db: DataSource, principal: Principal): DataLoader<string, FeedbackFigures> {
  return new DataLoader(async (accountIds) => {
    const score = 'activity.feedbackScore';
    const rows = await readableBy(db.getRepository(Activity).createQueryBuilder('activity'), ACTIVITY_RECORD, principal)
      .andWhere('activity.type = :feedback', { feedback: ActivityType.FEEDBACK })
      .andWhere(`${score} IS NOT NULL`)
      .andWhere('activity.accountId IN (:...accountIds)', { accountIds: [...accountIds] })
      .select('activity.accountId', 'parent')
      .addSelect('count(*)::int', 'count')
      .addSelect(`round(avg(${score}), 2)::float8`, 'average')
      .addSelect(`(count(*) FILTER (WHERE ${score} >= 9))::int`, 'promoters')
      .addSelect(`(count(*) FILTER (WHERE ${score} BETWEEN 7 AND 8))::int`, 'passives')
      .addSelect(`(count(*) FILTER (WHERE ${score} <= 6))::int`, 'detractors')
      .addSelect(`round((count(*) FILTER (WHERE ${score} >= 9) - count(*) FILTER (WHERE ${score} <= 6)) * 100.0 / count(*), 1)::float8`, 'nps')
      .groupBy('activity.accountId')
      .getRawMany<FeedbackFigures & { parent: string }>();
    return byKeys(accountIds, rows, (row) => row.parent).map((row) => {
      if (!row) return NONE;
      const { parent: _parent, ...figures } = row;
      return figures;
    });
  });
}
