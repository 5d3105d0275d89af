import type { LostReason, Opportunity, Stage, StageChange, StageKind } from './book';
import type { GenerationContext } from './context';
import { DEAL_PROFILES, dealProfileKey } from './deal-profiles';
import type { AccountProfile } from './generate-accounts';
import { lostReasonPicker } from './lost-reasons';
import type { UserDirectory } from './generate-users';
import { amountInRange, clampAmount, formatMoney } from './money';
import type { GeneratedPipelines, PipelineKey } from './pipelines';
import { CONSUMER_PLANS, CORE_PRODUCTS, PRODUCTS } from './products';
import type { Random } from './random';
import { TEAM_CUSTOMER_SUCCESS } from './teams';
import { DAY, HOUR, YEAR, clamp, randomTime, stepTimes, toIsoDate } from './time';

/** An opportunity plus the facts the activity phase needs. */
export interface OpportunityFacts {
  opportunity: Opportunity;
  accountIndex: number;
  pipelineKey: PipelineKey;
  /** Kind of the current stage. */
  outcome: StageKind;
  createdAtMs: number;
  closedAtMs: number | null;
}

export interface GeneratedOpportunities {
  opportunities: Opportunity[];
  stageChanges: StageChange[];
  /** Opportunities per account, indexed like the accounts array, chronological. */
  byAccount: OpportunityFacts[][];
}

/** A deal before it becomes an Opportunity and its stage history. */
interface DealPlan {
  pipeline: PipelineKey;
  outcome: StageKind;
  /** OPEN: current open stage; LOST: last open stage reached before losing. */
  position: number;
  createdAt: number;
  /** Last stage change (= closedAt for WON/LOST); ignored when the path has one stage. */
  lastChangeAt: number;
  /** Only used for OPEN deals; closed deals use their close date. */
  expectedClose: number;
  amount: number;
  name: string;
  ownerId: string;
}

const OPEN_NB_POSITIONS: ReadonlyArray<readonly [number, number]> = [[0, 0.3], [1, 0.3], [2, 0.25], [3, 0.15]];
const LOST_NB_POSITIONS: ReadonlyArray<readonly [number, number]> = [[0, 0.25], [1, 0.3], [2, 0.25], [3, 0.2]];

export function generateOpportunities(
  ctx: GenerationContext,
  profiles: AccountProfile[],
  directory: UserDirectory,
  pipelines: GeneratedPipelines,
  lostReasons: LostReason[],
): GeneratedOpportunities {
  const rng = ctx.rng('opportunities');
  const pickLostReason = lostReasonPicker(lostReasons, ctx.rng('lost-reasons'));
  const opportunities: Opportunity[] = [];
  const stageChanges: StageChange[] = [];
  const byAccount: OpportunityFacts[][] = [];

  for (const profile of profiles) {
    const plans = planDeals(ctx, rng, profile, directory);
    plans.sort((a, b) => a.createdAt - b.createdAt);
    const own: OpportunityFacts[] = [];
    for (const plan of plans) {
      own.push(materialize(ctx, rng, profile, plan, directory, pipelines, opportunities, stageChanges, pickLostReason));
    }
    byAccount.push(own);
  }
  return { opportunities, stageChanges, byAccount };
}

function planDeals(ctx: GenerationContext, rng: Random, profile: AccountProfile, directory: UserDirectory): DealPlan[] {
  const { faker, now } = ctx;
  const { account } = profile;
  const deal = DEAL_PROFILES[dealProfileKey(account)];
  const isConsumer = account.market === 'CONSUMER';
  const start = profile.createdAtMs;
  const plans: DealPlan[] = [];
  const csReps = directory.repsByTeam[TEAM_CUSTOMER_SUCCESS] ?? [];
  const teamReps = directory.repsByTeam[profile.teamIndex] ?? directory.reps;

  const cycle = (factor = 1): number =>
    Math.round((rng.int(deal.cycleDays[0], deal.cycleDays[1]) * DAY + rng.int(0, 23) * HOUR) * factor);
  const ownerFor = (pipeline: PipelineKey): string => {
    if (rng.chance(0.85)) return account.ownerId;
    if (pipeline === 'RENEWALS' && csReps.length > 0) return rng.pick(csReps).id;
    return rng.pick(teamReps).id;
  };
  const productName = (products: readonly string[] = CORE_PRODUCTS): string => {
    if (isConsumer) return `${account.name} - ${faker.helpers.arrayElement(CONSUMER_PLANS)}`;
    return `${account.name} - ${faker.helpers.arrayElement(products)}`;
  };
  const openExpectedClose = (createdAt: number, planned: number): number => {
    if (planned > now + 3 * DAY) return planned;
    if (rng.chance(0.15)) return Math.max(createdAt, now - rng.int(1, 45) * DAY); // slipped
    return now + rng.int(7, 120) * DAY;
  };

  const won = (latestClose: number, amount: number, name: string): DealPlan => {
    const length = cycle();
    const slack = latestClose - length - start;
    const createdAt = slack > 0 ? randomTime(rng, start, start + Math.min(slack, 120 * DAY)) : start;
    const closeAt = Math.max(createdAt + 6 * HOUR, Math.min(createdAt + length, latestClose));
    return {
      pipeline: 'NEW_BUSINESS', outcome: 'WON', position: 0, createdAt, lastChangeAt: closeAt,
      expectedClose: closeAt, amount, name, ownerId: ownerFor('NEW_BUSINESS'),
    };
  };
  const open = (pipeline: PipelineKey, lo: number, amount: number, name: string, plannedClose?: number): DealPlan => {
    const length = cycle();
    const createdAt = randomTime(rng, Math.max(lo, now - Math.round(length * 1.3)), now - 2 * HOUR);
    const position =
      pipeline === 'NEW_BUSINESS' ? rng.weighted(OPEN_NB_POSITIONS) : rng.chance(0.6) ? 0 : 1;
    const lastChangeAt = createdAt + Math.floor((now - HOUR - createdAt) * rng.between(0.3, 1));
    return {
      pipeline, outcome: 'OPEN', position, createdAt, lastChangeAt,
      expectedClose: plannedClose ?? openExpectedClose(createdAt, createdAt + length),
      amount, name, ownerId: ownerFor(pipeline),
    };
  };
  const lost = (lo: number, hi: number, amount: number, name: string): DealPlan => {
    const createdAt = randomTime(rng, lo, Math.max(lo, hi));
    const closeAt = clamp(createdAt + Math.round(cycle() * rng.between(0.25, 1)), createdAt + 6 * HOUR, now - HOUR);
    return {
      pipeline: 'NEW_BUSINESS', outcome: 'LOST', position: rng.weighted(LOST_NB_POSITIONS), createdAt,
      lastChangeAt: closeAt, expectedClose: closeAt, amount, name, ownerId: ownerFor('NEW_BUSINESS'),
    };
  };
  /** Annual renewals after a land deal; a churn year ends the relationship with a LOST renewal. */
  const renewals = (land: DealPlan, churnYear: number | null): DealPlan | null => {
    let amount = land.amount;
    for (let year = 1; ; year++) {
      const anniversary = land.lastChangeAt + year * YEAR;
      const createdAt = anniversary - rng.int(60, 120) * DAY;
      if (createdAt > now - DAY) return null;
      const closeAt = anniversary + rng.int(-20, 10) * DAY + rng.int(0, 23) * HOUR;
      amount = clampAmount(amount * rng.between(0.95, 1.15), deal.amount);
      const name = `${account.name} - Renewal ${new Date(anniversary).getUTCFullYear()}`;
      const ownerId = ownerFor('RENEWALS');
      if (churnYear === year) {
        const churned: DealPlan = {
          pipeline: 'RENEWALS', outcome: 'LOST', position: rng.int(0, 1), createdAt, lastChangeAt: closeAt,
          expectedClose: closeAt, amount, name, ownerId,
        };
        plans.push(churned);
        return churned;
      }
      if (closeAt <= now - DAY) {
        plans.push({
          pipeline: 'RENEWALS', outcome: 'WON', position: 0, createdAt, lastChangeAt: closeAt,
          expectedClose: closeAt, amount, name, ownerId,
        });
        continue;
      }
      const position = rng.chance(0.6) ? 0 : 1;
      const lastChangeAt = createdAt + Math.floor((now - HOUR - createdAt) * rng.between(0.3, 1));
      plans.push({
        pipeline: 'RENEWALS', outcome: 'OPEN', position, createdAt, lastChangeAt, expectedClose: anniversary,
        amount, name, ownerId,
      });
      return null;
    }
  };
  /** A follow-on deal (expansion or cross-sell) some time after the land deal. */
  const followOn = (pipeline: PipelineKey, after: number, amount: number, name: string): void => {
    const lo = after + 30 * DAY;
    const hi = now - 2 * DAY;
    if (hi - lo < 10 * DAY) return;
    const outcome = rng.weighted([['WON', 0.35], ['OPEN', 0.45], ['LOST', 0.2]] as const);
    const createdAt = randomTime(rng, lo, hi);
    const closeAt = createdAt + cycle(0.6);
    if (outcome === 'OPEN' || closeAt > now - DAY) {
      plans.push(open(pipeline, createdAt, amount, name));
      return;
    }
    plans.push({
      pipeline, outcome, position: pipeline === 'NEW_BUSINESS' ? rng.weighted(LOST_NB_POSITIONS) : rng.int(0, 1),
      createdAt, lastChangeAt: closeAt, expectedClose: closeAt, amount, name, ownerId: ownerFor(pipeline),
    });
  };

  switch (account.lifecycle) {
    case 'PROSPECT': {
      const count = isConsumer
        ? rng.chance(0.6) ? 1 : 0
        : rng.weighted([[0, 0.05], [1, 0.4], [2, 0.35], [3, 0.2]] as const);
      for (let k = 0; k < count - 1; k++) {
        if (now - 30 * DAY - start < 10 * DAY || rng.chance(0.3)) {
          // Young account, or a second workstream evaluated in parallel.
          plans.push(open('NEW_BUSINESS', start, amountInRange(rng, deal.amount), productName(PRODUCTS)));
        } else {
          plans.push(lost(start, now - 30 * DAY, amountInRange(rng, deal.amount), productName()));
        }
      }
      if (count > 0) {
        plans.push(
          rng.chance(0.8)
            ? open('NEW_BUSINESS', start, amountInRange(rng, deal.amount), productName())
            : lost(Math.max(start, now - 200 * DAY), now - 3 * DAY, amountInRange(rng, deal.amount), productName()),
        );
      }
      break;
    }
    case 'CUSTOMER': {
      const land = won(now - 2 * DAY, amountInRange(rng, deal.amount), productName());
      plans.push(land);
      if (isConsumer) {
        if (rng.chance(0.1)) followOn('NEW_BUSINESS', land.lastChangeAt, amountInRange(rng, deal.amount), productName());
        break;
      }
      renewals(land, null);
      if (rng.chance(0.35)) {
        const product = faker.helpers.arrayElement(PRODUCTS);
        followOn('RENEWALS', land.lastChangeAt, clampAmount(land.amount * rng.between(0.15, 0.6), deal.amount),
          `${account.name} - Expansion: ${product}`);
      }
      if (rng.chance(0.3)) {
        followOn('NEW_BUSINESS', land.lastChangeAt, clampAmount(amountInRange(rng, deal.amount) * 0.6, deal.amount),
          productName(PRODUCTS));
      }
      break;
    }
    case 'FORMER_CUSTOMER': {
      const land = won(now - 400 * DAY, amountInRange(rng, deal.amount), productName());
      plans.push(land);
      const closableYears = Math.max(1, Math.floor((now - DAY - 10 * DAY - land.lastChangeAt) / YEAR));
      const churn = renewals(land, rng.int(1, closableYears));
      if (churn !== null && rng.chance(0.12) && now - 2 * DAY - (churn.lastChangeAt + 60 * DAY) > 10 * DAY) {
        plans.push(open('NEW_BUSINESS', churn.lastChangeAt + 60 * DAY, amountInRange(rng, deal.amount),
          `${account.name} - Win-back`));
      }
      break;
    }
    case 'PARTNER': {
      if (rng.chance(0.5)) break;
      const amount = amountInRange(rng, deal.amount);
      const outcome = rng.weighted([['WON', 0.5], ['OPEN', 0.3], ['LOST', 0.2]] as const);
      if (outcome === 'WON') plans.push(won(now - 2 * DAY, amount, productName()));
      else if (outcome === 'OPEN') plans.push(open('NEW_BUSINESS', start, amount, productName()));
      else plans.push(lost(start, now - 3 * DAY, amount, productName()));
      break;
    }
  }
  return plans;
}

function materialize(
  ctx: GenerationContext,
  rng: Random,
  profile: AccountProfile,
  plan: DealPlan,
  directory: UserDirectory,
  pipelines: GeneratedPipelines,
  opportunities: Opportunity[],
  stageChanges: StageChange[],
  pickLostReason: ReturnType<typeof lostReasonPicker>,
): OpportunityFacts {
  const { now } = ctx;
  const model = pipelines.byKey[plan.pipeline];
  const path: Stage[] =
    plan.outcome === 'OPEN'
      ? model.open.slice(0, plan.position + 1)
      : plan.outcome === 'WON'
        ? [...model.open, model.won]
        : [...model.open.slice(0, plan.position + 1), model.lost];
  const times = stepTimes(rng, plan.createdAt, plan.lastChangeAt, path.length);
  const last = times[times.length - 1]!;
  if (plan.createdAt < profile.createdAtMs || last > now) {
    throw new Error(`demo-data: inconsistent deal timeline for account ${profile.index}`);
  }
  const closed = plan.outcome !== 'OPEN';
  const opportunity: Opportunity = {
    id: ctx.id('opportunity', opportunities.length),
    name: plan.name,
    accountId: profile.account.id,
    ownerId: plan.ownerId,
    pipelineId: model.pipeline.id,
    stageId: path[path.length - 1]!.id,
    amount: formatMoney(plan.amount),
    currency: profile.account.annualRevenueCurrency ?? 'USD',
    expectedCloseDate: toIsoDate(closed ? last : plan.expectedClose),
    closedAt: closed ? new Date(last) : null,
    ...(plan.outcome === 'LOST' ? pickLostReason(plan.pipeline) : { lostReasonId: null, lostReasonNote: null }),
    createdAt: new Date(plan.createdAt),
    updatedAt: new Date(Math.min(now, last + randomTime(rng, 0, (closed ? 2 : 7) * DAY))),
  };
  opportunities.push(opportunity);

  const ownerTeam = directory.teamIndexByUserId.get(plan.ownerId);
  const manager = ownerTeam === undefined ? undefined : directory.managersByTeam[ownerTeam];
  path.forEach((stage, step) => {
    const approvedByManager = closed && step === path.length - 1 && manager !== undefined && rng.chance(0.2);
    stageChanges.push({
      id: ctx.id('stage-change', stageChanges.length),
      opportunityId: opportunity.id,
      fromStageId: step === 0 ? null : path[step - 1]!.id,
      toStageId: stage.id,
      changedById: approvedByManager ? manager.id : plan.ownerId,
      changedAt: new Date(times[step]!),
    });
  });

  return {
    opportunity,
    accountIndex: profile.index,
    pipelineKey: plan.pipeline,
    outcome: path[path.length - 1]!.kind,
    createdAtMs: plan.createdAt,
    closedAtMs: closed ? last : null,
  };
}
