import { asSystem, auditCreated, consumeSiblingLog, type EventConsumer, SiblingSubgraph, SYSTEM_PRINCIPAL, type ConsumedEventContext, type ConsumerResources } from '@crm/kernel/subgraph';
import type { Config } from '../config';
import { Activity } from '../activities/activity.entity';
import { ActivityType } from '../activities/activity-type.enum';
import { ACTIVITY_RECORD } from '../activities/activity.record';
import { findTrainingPlan } from './training-plan.queries';

/** A won deal as `dealStageChanged` delivers it to this consumer (the selection below). */
export interface WinEvent {
  /** The stage change's position in the opportunities log: the win's identity. */
  cursor: string;
  changedAt: string;
  fromStage: { kind: string } | null;
  /** Null when the deal was deleted before the win was handled: such a win gets no plan. */
  opportunity: { id: string; pipeline: { id: string }; account: { id: string } | null } | null;
}

/** Who the onboarding is for: the account's owner and their team, looked up in the accounts subgraph. */
export interface Onboarder {
  ownerId: string;
  teamId: string | null;
}

/** Moves into a WON stage, from the opportunities subgraph: the consumer's whole input. */
export const WINS_SUBSCRIPTION = `
  subscription OnboardingWins($after: String) {
    dealStageChanged(filter: { toStageKind: WON }, after: $after) {
      cursor
      changedAt
      fromStage { kind }
      opportunity { id pipeline { id } account { id } }
    }
  }`;

const ACCOUNT_OWNER = `query OnboardingAccountOwner($id: ID!) { account(id: $id) { owner { id team { id } } } }`;

const DAY_MS = 86_400_000;

/** Name of this consumer's row in `activities.event_cursors`. */
export const ONBOARDING_CONSUMER = 'activities.onboarding';

/**
 * Turns every won deal into its account's onboarding plan (README, "Onboarding"): one TRAINING task
 * per step of the pipeline's plan, due `offsetDays` after the win, owned by the ACCOUNT's owner and
 * shared with their team, linked to the account and the deal, written (and audited) as the system
 * principal. Exactly once per win: the kernel consumer commits the tasks with its cursor, and
 * `activities.onboarding_tasks` has one row per (win, step), claimed before each task is made; a win
 * is named by its event cursor, the stage change's position in the opportunities log.
 *
 * Not a win, so nothing is made: a move from one WON stage to another; a deal with no account (or
 * whose account no longer exists); a win from before this consumer first started (the log is read
 * from its beginning, and old wins were onboarded, or not, before this feature). A deal won,
 * reopened and won again is a second win with a plan of its own.
 */
export function onboardingConsumer(resources: ConsumerResources, config: Config): EventConsumer<WinEvent, Onboarder | null> {
  const { logger } = resources;
  // How this service reaches accounts as the system principal, for the lookups of `prepare`.
  const { signingSecret, token } = resources.sibling(config.ACCOUNTS_URL);
  const accounts = new SiblingSubgraph({ name: 'accounts', url: config.ACCOUNTS_URL, signingSecret, logger });
  return consumeSiblingLog<WinEvent, Onboarder | null>(resources, config.OPPORTUNITIES_URL, {
    name: ONBOARDING_CONSUMER,
    subscription: WINS_SUBSCRIPTION,
    eventTime: (win) => win.changedAt,
    // Outside the transaction: who owns the account, asked as the system principal (it reads every account).
    prepare: async (win, { since }) => {
      const accountId = win.opportunity?.account?.id;
      if (!isWin(win, since) || !accountId) return null;
      const data = await accounts.query<{ account: { owner: { id: string; team: { id: string } | null } } | null }>(
        ACCOUNT_OWNER,
        { id: accountId },
        await asSystem(token, `onboarding-${win.cursor}`),
      );
      if (!data.account) {
        logger.warn({ win: win.cursor, accountId }, 'a won deal\'s account no longer exists; no onboarding plan');
        return null;
      }
      return { ownerId: data.account.owner.id, teamId: data.account.owner.team?.id ?? null };
    },
    handle: (win, context) => createOnboarding(win, context),
  });
}

/** A move into WON from a stage that is not WON (or a deal created won), since onboarding started here. */
function isWin(win: WinEvent, since: Date): boolean {
  return win.fromStage?.kind !== 'WON' && new Date(win.changedAt) >= since;
}

/** In the consumer's transaction: the plan's TRAINING tasks for one win, each step at most once. */
export async function createOnboarding(win: WinEvent, { manager, prepared: onboarder, since }: ConsumedEventContext<Onboarder | null>): Promise<void> {
  const wonAt = new Date(win.changedAt);
  const deal = win.opportunity;
  if (!onboarder || !deal || !isWin(win, since)) return;
  const { steps } = await findTrainingPlan(manager, deal.pipeline.id);
  if (steps.length === 0) return;
  const accountId = deal.account!.id;
  const claimed: { step: number; activity_id: string }[] = await manager.query(
    `INSERT INTO activities.onboarding_tasks (win_cursor, step, activity_id, opportunity_id, account_id, won_at)
     SELECT $1, step, gen_random_uuid(), $2, $3, $4 FROM unnest($5::int[]) AS step
     ON CONFLICT (win_cursor, step) DO NOTHING
     RETURNING step, activity_id`,
    [win.cursor, deal.id, accountId, wonAt, steps.map((step) => step.position)],
  );
  if (claimed.length === 0) return;
  const byPosition = new Map(steps.map((step) => [step.position, step]));
  await manager.getRepository(Activity).insert(
    claimed.map(({ step, activity_id }) => {
      const planned = byPosition.get(step)!;
      return {
        id: activity_id,
        type: ActivityType.TRAINING,
        subject: planned.title,
        body: planned.description,
        dueAt: new Date(wonAt.getTime() + planned.offsetDays * DAY_MS),
        ownerId: onboarder.ownerId,
        teamId: onboarder.teamId,
        accountId,
        opportunityId: deal.id,
      };
    }),
  );
  for (const { activity_id } of claimed) await auditCreated(manager, ACTIVITY_RECORD, SYSTEM_PRINCIPAL, activity_id);
}
