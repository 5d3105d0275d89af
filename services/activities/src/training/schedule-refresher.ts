import { randomUUID } from 'node:crypto';
import { type Principal } from '@crm/kernel';
import { auditCreated } from '@crm/kernel/subgraph';
import type { EntityManager } from 'typeorm';
import { Activity } from '../activities/activity.entity';
import { ActivityType } from '../activities/activity-type.enum';
import { ACTIVITY_RECORD } from '../activities/activity.record';

/** Subject prefix of a refresher: "Refresher: Admin training". A refresher's own refresher keeps one prefix. */
export const REFRESHER_PREFIX = 'Refresher: ';
const DAY_MS = 86_400_000;

/**
 * When `training` (as just written, in `manager`'s transaction) is a completed TRAINING, schedules
 * its refresher: a TRAINING task "Refresher: <subject>", due `intervalDays` after the completion,
 * with the same owner, team, links and details, written and audited as `principal` (who completed
 * it). At most once per training, whatever happens to it later (reopened and completed again, the
 * refresher deleted): `activities.refreshers` has one row per training, claimed before the insert.
 */
export async function scheduleRefresher(manager: EntityManager, principal: Principal, training: Activity, intervalDays: number): Promise<void> {
  if (training.type !== ActivityType.TRAINING || !training.completedAt || training.deletedAt) return;
  const refresherId = randomUUID();
  const claimed: unknown[] = await manager.query(
    `INSERT INTO activities.refreshers (training_id, refresher_id) VALUES ($1, $2) ON CONFLICT (training_id) DO NOTHING RETURNING training_id`,
    [training.id, refresherId],
  );
  if (claimed.length === 0) return;
  const subject = training.subject.startsWith(REFRESHER_PREFIX) ? training.subject : `${REFRESHER_PREFIX}${training.subject}`;
  await manager.getRepository(Activity).insert({
    id: refresherId,
    type: ActivityType.TRAINING,
    subject: subject.slice(0, 200),
    body: training.body,
    dueAt: new Date(training.completedAt.getTime() + intervalDays * DAY_MS),
    ownerId: training.ownerId,
    teamId: training.teamId,
    accountId: training.accountId,
    contactId: training.contactId,
    opportunityId: training.opportunityId,
  });
  await auditCreated(manager, ACTIVITY_RECORD, principal, refresherId);
}
