import type { Activity, ActivityType, Contact, User } from './book';
import type { GenerationContext } from './context';
import {
  BODY_SENTENCES,
  FEEDBACK_COMMENTS,
  INTERNAL_NOTES,
  INTERNAL_TASKS,
  PAIN_POINTS,
  SUBJECTS,
  WEEKDAYS,
} from './activity-templates';
import type { AccountProfile } from './generate-accounts';
import type { GeneratedContacts } from './generate-contacts';
import type { GeneratedOpportunities, OpportunityFacts } from './generate-opportunities';
import type { UserDirectory } from './generate-users';
import { COMPETITORS, PRODUCTS } from './products';
import type { Random } from './random';
import { TEAM_CUSTOMER_SUCCESS } from './teams';
import { fillTemplate } from './text';
import { DAY, HOUR, MINUTE, randomTime, workTime } from './time';

export const ACTIVITIES_AT_SCALE_1 = 4000;
/** Accounts chosen to be stale have no activity at all in the last STALE_AFTER_DAYS (or more) days. */
export const STALE_AFTER_DAYS = 120;
/** Engaged accounts get at least one interaction this recent. */
const RECENT_TOUCH_DAYS = 45;
const RECENT_TOUCH_TYPES: ReadonlyArray<readonly [ActivityType, number]> = [['EMAIL', 5], ['CALL', 3], ['MEETING', 2]];
/** Share of activities not tied to any account (internal housekeeping). */
const INTERNAL_SHARE = 0.02;

const STALE_PROBABILITY = { PROSPECT: 0.15, CUSTOMER: 0.07, FORMER_CUSTOMER: 0.45, PARTNER: 0.2 } as const;
const TIER_WEIGHT = { STRATEGIC: 6, KEY: 2.5, STANDARD: 1 } as const;
const LIFECYCLE_WEIGHT = { PROSPECT: 1, CUSTOMER: 1.3, FORMER_CUSTOMER: 0.35, PARTNER: 0.6 } as const;
/** Chance that a logged interaction of the type is linked to one of the account's deals. */
const OPPORTUNITY_LINK: Partial<Record<ActivityType, number>> = { CALL: 0.6, MEETING: 0.65, EMAIL: 0.55, NOTE: 0.45, TASK: 0.5 };
const CONTACT_LINK: Record<ActivityType, number> = {
  CALL: 0.92, MEETING: 0.9, EMAIL: 0.95, NOTE: 0.5, TASK: 0.6, TRAINING: 0.8, FEEDBACK: 1,
};
const BODY_CHANCE: Record<ActivityType, number> = {
  CALL: 0.7, MEETING: 0.85, EMAIL: 0.9, NOTE: 1, TASK: 0.4, TRAINING: 0.7, FEEDBACK: 0.85,
};
const CUSTOMER_SCORES: ReadonlyArray<readonly [number, number]> = [
  [10, 20], [9, 25], [8, 20], [7, 12], [6, 8], [5, 5], [4, 3], [3, 2], [2, 2], [1, 1], [0, 2],
];
const FORMER_CUSTOMER_SCORES: ReadonlyArray<readonly [number, number]> = [
  [9, 3], [8, 6], [7, 10], [6, 15], [5, 15], [4, 15], [3, 14], [2, 10], [1, 6], [0, 6],
];

/** A window of time an opportunity-linked activity may fall into. */
interface OpportunityWindow {
  facts: OpportunityFacts;
  lo: number;
  hi: number;
}

/** Activity without its id; ids are assigned once everything is sorted chronologically. */
type Draft = Omit<Activity, 'id'>;

export function activityCount(scale: number): number {
  return Math.max(1, Math.round(ACTIVITIES_AT_SCALE_1 * scale));
}

export function generateActivities(
  ctx: GenerationContext,
  profiles: AccountProfile[],
  contacts: GeneratedContacts,
  opportunities: GeneratedOpportunities,
  directory: UserDirectory,
): Activity[] {
  const { faker, now } = ctx;
  const rng = ctx.rng('activities');
  const total = activityCount(ctx.scale);
  const internal = Math.round(total * INTERNAL_SHARE);
  const csReps = directory.repsByTeam[TEAM_CUSTOMER_SUCCESS] ?? [];
  const sellers = directory.users.filter((u) => u.role === 'REP' || u.role === 'MANAGER');
  const teammates = directory.managersByTeam.map((manager, t) => [manager, ...directory.repsByTeam[t]!]);

  // 1. Which accounts went quiet, and how much activity each of the others gets.
  const cutoffs: number[] = [];
  const weights: number[] = [];
  for (const profile of profiles) {
    const { account } = profile;
    const age = now - profile.createdAtMs;
    let cutoff = now;
    if (age >= 180 * DAY && rng.chance(STALE_PROBABILITY[account.lifecycle])) {
      const maxDays = Math.min(420, Math.floor(age / DAY) - 30);
      cutoff = now - rng.int(STALE_AFTER_DAYS, Math.max(STALE_AFTER_DAYS, maxDays)) * DAY - rng.int(1, 23) * HOUR;
    }
    cutoffs.push(cutoff);
    const openDeals = opportunities.byAccount[profile.index]!.filter((o) => o.outcome === 'OPEN').length;
    const base = account.market === 'CONSUMER' ? 0.35 : TIER_WEIGHT[account.tier];
    let weight = base * LIFECYCLE_WEIGHT[account.lifecycle] * rng.between(0.5, 1.5) + 0.4 * openDeals;
    if (cutoff < now) weight *= 0.5;
    weights.push(weight);
  }
  const counts = allocate(total - internal, weights);

  // 2. Account activities.
  const drafts: Draft[] = [];
  let accountName = '';
  const write = (type: ActivityType, time: number, contact: Contact | null, extra: Record<string, string> = {}) => {
    const values: Record<string, string> = {
      account: accountName,
      contact: contact?.firstName ?? 'the team',
      product: faker.helpers.arrayElement(PRODUCTS),
      competitor: faker.helpers.arrayElement(COMPETITORS),
      weekday: faker.helpers.arrayElement(WEEKDAYS),
      pain: faker.helpers.arrayElement(PAIN_POINTS),
      quarter: `Q${Math.floor(new Date(time).getUTCMonth() / 3) + 1}`,
      seats: String(rng.int(2, 60) * 5),
      ...extra,
    };
    const subject = fillTemplate(faker.helpers.arrayElement(SUBJECTS[type]), values);
    let body: string | null = null;
    if (rng.chance(BODY_CHANCE[type])) {
      if (type === 'FEEDBACK') {
        const score = Number(values.score);
        const band = score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
        body = faker.helpers.arrayElement(FEEDBACK_COMMENTS[band]);
      } else {
        const sentences = faker.helpers.arrayElements(BODY_SENTENCES[type], { min: 1, max: 3 });
        body = sentences.map((s) => fillTemplate(s, values)).join(' ');
      }
    }
    return { subject, body };
  };

  for (const profile of profiles) {
    const { account } = profile;
    const count = counts[profile.index]!;
    if (count === 0) continue;
    accountName = account.name;
    const lo = profile.createdAtMs;
    const hi = cutoffs[profile.index]!;
    const stale = hi < now;
    const accountContacts = contacts.byAccount[profile.index]!;
    const deals = opportunities.byAccount[profile.index]!;

    const windows: OpportunityWindow[] = [];
    const openDeals: OpportunityFacts[] = [];
    let firstWon: number | null = null;
    let churnedAt: number | null = null;
    for (const facts of deals) {
      const wLo = Math.max(lo, facts.createdAtMs);
      const wHi = Math.min(hi, facts.closedAtMs ?? now);
      if (wHi - wLo >= HOUR) windows.push({ facts, lo: wLo, hi: wHi });
      if (facts.outcome === 'OPEN' && !stale) openDeals.push(facts);
      if (facts.outcome === 'WON' && (firstWon === null || facts.closedAtMs! < firstWon)) firstWon = facts.closedAtMs;
      if (facts.outcome === 'LOST' && facts.pipelineKey === 'RENEWALS') churnedAt = facts.closedAtMs;
    }
    const feedbackHi = churnedAt === null ? hi : Math.min(hi, churnedAt);
    const canTrain = account.lifecycle === 'CUSTOMER' && firstWon !== null && firstWon < hi - DAY;
    const canGiveFeedback =
      (account.lifecycle === 'CUSTOMER' || account.lifecycle === 'FORMER_CUSTOMER') &&
      firstWon !== null &&
      firstWon < feedbackHi - DAY;
    const consumer = account.market === 'CONSUMER';
    const typeWeights: Array<readonly [ActivityType, number]> = [
      ['EMAIL', consumer ? 35 : 30],
      ['CALL', consumer ? 28 : 22],
      ['MEETING', consumer ? 3 : 14],
      ['NOTE', consumer ? 14 : 12],
      ['TASK', 15],
    ];
    if (canTrain && !consumer) typeWeights.push(['TRAINING', 5]);
    if (canGiveFeedback) typeWeights.push(['FEEDBACK', consumer ? 6 : 4]);

    const pickContact = (time: number, type: ActivityType): Contact | null => {
      if (accountContacts.length === 0 || !rng.chance(CONTACT_LINK[type])) return null;
      const contact = rng.pick(accountContacts);
      if (contact.createdAt.getTime() <= time) return contact;
      const first = accountContacts[0]!;
      return first.createdAt.getTime() <= time ? first : null;
    };
    const ownerFor = (base: string): string => {
      if (!rng.chance(0.1)) return base;
      const team = directory.teamIndexByUserId.get(base);
      return team === undefined ? base : rng.pick(teammates[team]!).id;
    };

    // Engaged accounts always have a recent touch; the rest of their history is spread out.
    const engaged =
      !stale && (openDeals.length > 0 || account.lifecycle === 'CUSTOMER' || account.lifecycle === 'PARTNER');
    const recentFrom = Math.max(lo, now - RECENT_TOUCH_DAYS * DAY);

    for (let k = 0; k < count; k++) {
      const fresh = k === 0 && engaged;
      const type = fresh ? rng.weighted(RECENT_TOUCH_TYPES) : rng.weighted(typeWeights);
      if (type === 'TASK') {
        drafts.push(task(ctx, rng, lo, hi, windows, openDeals, (time) => pickContact(time, 'TASK'), ownerFor, account.ownerId, account.id, write));
        continue;
      }
      let time: number;
      let deal: OpportunityFacts | null = null;
      let ownerId = account.ownerId;
      let feedbackScore: number | null = null;
      const extra: Record<string, string> = {};
      if (type === 'TRAINING') {
        time = workTime(rng, firstWon! + HOUR, firstWon! + Math.floor(Math.pow(rng.next(), 2) * (hi - firstWon!)));
        if (csReps.length > 0 && rng.chance(0.6)) ownerId = rng.pick(csReps).id;
      } else if (type === 'FEEDBACK') {
        time = workTime(rng, firstWon! + HOUR, feedbackHi);
        feedbackScore = rng.weighted(account.lifecycle === 'CUSTOMER' ? CUSTOMER_SCORES : FORMER_CUSTOMER_SCORES);
        extra.score = String(feedbackScore);
      } else {
        if (fresh) {
          if (openDeals.length > 0 && rng.chance(OPPORTUNITY_LINK[type] ?? 0)) {
            deal = rng.pick(openDeals);
            ownerId = deal.opportunity.ownerId;
          }
          time = workTime(rng, Math.max(recentFrom, deal?.createdAtMs ?? recentFrom), now);
        } else if (windows.length > 0 && rng.chance(OPPORTUNITY_LINK[type] ?? 0)) {
          const window = rng.pick(windows);
          deal = window.facts;
          time = workTime(rng, window.lo, window.hi);
          ownerId = deal.opportunity.ownerId;
        } else {
          time = recentWorkTime(rng, lo, hi);
        }
        ownerId = ownerFor(ownerId);
      }
      const contact = pickContact(time, type);
      const { subject, body } = write(type, time, contact, extra);
      const createdAt = Math.min(hi, time + rng.int(0, 90) * MINUTE);
      const updatedAt = rng.chance(0.15) ? randomTime(rng, createdAt, Math.min(hi, createdAt + 3 * DAY)) : createdAt;
      drafts.push({
        type,
        subject,
        body,
        occurredAt: new Date(time),
        dueAt: null,
        completedAt: null,
        ownerId,
        accountId: account.id,
        contactId: contact?.id ?? null,
        opportunityId: deal?.opportunity.id ?? null,
        feedbackScore,
        createdAt: new Date(createdAt),
        updatedAt: new Date(updatedAt),
      });
    }
  }

  // 3. Internal housekeeping not tied to an account.
  for (let k = 0; k < internal; k++) {
    const owner: User = rng.pick(sellers);
    const lo = now - 365 * DAY;
    if (rng.chance(0.7)) {
      drafts.push(task(ctx, rng, lo, now, [], [], () => null, (id) => id, owner.id, null, () => ({
        subject: faker.helpers.arrayElement(INTERNAL_TASKS),
        body: null,
      })));
    } else {
      const time = recentWorkTime(rng, lo, now);
      drafts.push({
        type: 'NOTE',
        subject: faker.helpers.arrayElement(INTERNAL_NOTES),
        body: faker.helpers.arrayElements(BODY_SENTENCES.NOTE, { min: 1, max: 2 })
          .map((s) => fillTemplate(s, { contact: 'the champion', competitor: 'the incumbent', quarter: 'Q1', pain: 'forecast accuracy' }))
          .join(' '),
        occurredAt: new Date(time),
        dueAt: null,
        completedAt: null,
        ownerId: owner.id,
        accountId: null,
        contactId: null,
        opportunityId: null,
        feedbackScore: null,
        createdAt: new Date(time),
        updatedAt: new Date(time),
      });
    }
  }

  // 4. Chronological order (stable), then ids.
  const order = drafts.map((draft, index) => ({ draft, index, at: draft.createdAt.getTime() }));
  order.sort((a, b) => a.at - b.at || a.index - b.index);
  return order.map(({ draft }, index) => ({ id: ctx.id('activity', index), ...draft }));
}

type Writer = (type: ActivityType, time: number, contact: Contact | null) => { subject: string; body: string | null };

/** A TASK: completed (logged), overdue or upcoming. Stale accounts only have completed tasks. */
function task(
  ctx: GenerationContext,
  rng: Random,
  lo: number,
  hi: number,
  windows: OpportunityWindow[],
  openDeals: OpportunityFacts[],
  pickContact: (time: number) => Contact | null,
  ownerFor: (base: string) => string,
  accountOwnerId: string,
  accountId: string | null,
  write: Writer,
): Draft {
  const { now } = ctx;
  const status = hi < now ? 'DONE' : rng.weighted([['DONE', 0.5], ['OVERDUE', 0.17], ['UPCOMING', 0.33]] as const);
  let deal: OpportunityFacts | null = null;
  let dueAt: number;
  let completedAt: number | null = null;
  let createdAt: number;
  if (status === 'DONE') {
    let wLo = lo;
    let wHi = hi;
    if (windows.length > 0 && rng.chance(OPPORTUNITY_LINK.TASK!)) {
      const window = rng.pick(windows);
      deal = window.facts;
      wLo = window.lo;
      wHi = window.hi;
    }
    completedAt = deal === null ? recentWorkTime(rng, wLo, wHi) : workTime(rng, wLo, wHi);
    dueAt = Math.min(hi, Math.max(lo, completedAt + rng.int(-2, 3) * DAY));
    createdAt = Math.max(lo, Math.min(dueAt, completedAt) - rng.int(1, 14) * DAY);
  } else {
    if (openDeals.length > 0 && rng.chance(OPPORTUNITY_LINK.TASK!)) deal = rng.pick(openDeals);
    const floor = Math.max(lo, deal?.createdAtMs ?? lo);
    if (status === 'OVERDUE') {
      dueAt = workTime(rng, Math.max(floor, now - 30 * DAY), now - HOUR);
      createdAt = Math.max(floor, dueAt - rng.int(1, 14) * DAY);
    } else {
      dueAt = workTime(rng, now + HOUR, now + 45 * DAY);
      createdAt = randomTime(rng, Math.max(floor, now - 14 * DAY), now - MINUTE);
    }
  }
  const contact = pickContact(completedAt ?? createdAt);
  const { subject, body } = write('TASK', dueAt, contact);
  return {
    type: 'TASK',
    subject,
    body,
    occurredAt: completedAt === null ? null : new Date(completedAt),
    dueAt: new Date(dueAt),
    completedAt: completedAt === null ? null : new Date(completedAt),
    ownerId: ownerFor(deal?.opportunity.ownerId ?? accountOwnerId),
    accountId,
    contactId: contact?.id ?? null,
    opportunityId: deal?.opportunity.id ?? null,
    feedbackScore: null,
    createdAt: new Date(createdAt),
    updatedAt: new Date(completedAt ?? createdAt),
  };
}

/** A work-hours timestamp in [lo, hi], skewed towards hi (recent history is denser). */
function recentWorkTime(rng: Random, lo: number, hi: number): number {
  const center = hi - Math.floor(Math.pow(rng.next(), 2) * (hi - lo));
  return workTime(rng, Math.max(lo, center - 3 * DAY), Math.min(hi, center + 3 * DAY));
}

/** Splits `total` proportionally to `weights` (largest remainders), summing exactly to total. */
function allocate(total: number, weights: number[]): number[] {
  let sum = 0;
  for (const w of weights) sum += w;
  if (sum <= 0 || weights.length === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (w / sum) * total);
  const counts = exact.map((x) => Math.floor(x));
  let remaining = total - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; remaining > 0; k = (k + 1) % byRemainder.length, remaining--) counts[byRemainder[k]!.i] += 1;
  return counts;
}
