import type { Account, Book, Opportunity, Stage, StageChange } from './book';
import { DEAL_PROFILES, dealProfileKey } from './deal-profiles';
import { generateBook } from './generate-book';
const NOW = new Date('2026-11-01T00:00:00Z');
const DAY = 86_400_000;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const MONEY = /^\d+\.\d{2}$/;


function byId<T extends { id: string }>(items: T[]): Map<string, T> {
  return new Map(items.map((item) => [item.id, item]));
}

/** Amount in cents, parsed without floats. */
function cents(amount: string): bigint {
  const [units, fraction] = amount.split('.');
  return BigInt(units!) * 100n + BigInt(fraction!);
}

function share<T>(items: T[], predicate: (item: T) => boolean): number {
  return items.filter(predicate).length / items.length;
}

/**
 * Collects violations instead of calling expect() per element: hundreds of thousands of
 * expect() calls make jest slow. The first violations are reported with context.
 */
class Problems {
  readonly list: string[] = [];
  check(ok: boolean, message: string | (() => string)): void {
    if (!ok && this.list.length < 20) this.list.push(typeof message === 'string' ? message : message());
  }
}

/** Every invariant that must hold for any (seed, scale). */
function expectConsistent(b: Book, now: Date = NOW): void {
  expect(findProblems(b, now)).toEqual([]);
}

function findProblems(b: Book, now: Date): string[] {
  const p = new Problems();
  const teams = byId(b.teams);
  const users = byId(b.users);
  const accounts = byId(b.accounts);
  const contacts = byId(b.contacts);
  const pipelines = byId(b.pipelines);
  const stages = byId(b.stages);
  const opportunities = byId(b.opportunities);
  const nowMs = now.getTime();

  // Ids: unique across the whole book and v4-shaped.
  const all = [b.teams, b.users, b.accounts, b.contacts, b.pipelines, b.stages, b.opportunities, b.stageChanges, b.activities]
    .flat()
    .map((x) => x.id);
  p.check(new Set(all).size === all.length, 'ids are not unique');
  for (const id of all) p.check(UUID_V4.test(id), `not a v4 uuid: ${id}`);

  for (const user of b.users) {
    p.check(user.teamId === null || teams.has(user.teamId), `user ${user.email}: unknown team`);
  }

  const accountIndex = new Map(b.accounts.map((a, i) => [a.id, i]));
  for (const [i, account] of b.accounts.entries()) {
    const where = `account ${i} (${account.name})`;
    const owner = users.get(account.ownerId);
    p.check(owner !== undefined && (owner.role === 'REP' || owner.role === 'MANAGER'), `${where}: owner is not a rep/manager`);
    p.check(account.parentId === null || (accountIndex.get(account.parentId) ?? Infinity) < i, `${where}: parent missing or later`);
    p.check(account.updatedAt >= account.createdAt && account.updatedAt.getTime() <= nowMs, `${where}: updatedAt`);
    p.check((account.annualRevenueCurrency === null) === (account.annualRevenue === null), `${where}: revenue currency`);
    p.check(account.annualRevenue === null || MONEY.test(account.annualRevenue), `${where}: revenue format`);
    p.check(account.country === null || /^[A-Z]{2}$/.test(account.country), `${where}: country`);
    if (account.market === 'CONSUMER') {
      p.check(
        account.domain === null && account.industry === null && account.employeeCount === null && account.parentId === null,
        `${where}: consumer with business attributes`,
      );
    }
  }

  const contactsPerAccount = new Map<string, number>();
  for (const contact of b.contacts) {
    const where = `contact ${contact.id}`;
    const account = accounts.get(contact.accountId);
    p.check(account !== undefined, `${where}: unknown account`);
    if (account === undefined) continue;
    contactsPerAccount.set(contact.accountId, (contactsPerAccount.get(contact.accountId) ?? 0) + 1);
    p.check(
      contact.email === null || account.domain === null || contact.email.endsWith(`@${account.domain}`),
      `${where}: ${contact.email} is not at ${account.domain}`,
    );
    p.check(contact.phone === null || /^\+\d{8,15}$/.test(contact.phone), `${where}: phone ${contact.phone}`);
    p.check(contact.createdAt >= account.createdAt, `${where}: created before its account`);
    p.check(contact.updatedAt >= contact.createdAt, `${where}: updatedAt`);
  }
  const contactEmails = b.contacts.flatMap((c) => (c.email === null ? [] : [c.email.toLowerCase()]));
  p.check(new Set(contactEmails).size === contactEmails.length, 'contact e-mails are not unique');
  for (const account of b.accounts) {
    const n = contactsPerAccount.get(account.id) ?? 0;
    p.check(account.market === 'CONSUMER' ? n === 1 : n >= 2 && n <= 8, `account ${account.name}: ${n} contacts`);
  }

  for (const stage of b.stages) p.check(pipelines.has(stage.pipelineId), `stage ${stage.name}: unknown pipeline`);

  for (const opportunity of b.opportunities) {
    const where = `opportunity ${opportunity.name}`;
    const account = accounts.get(opportunity.accountId);
    const stage = stages.get(opportunity.stageId);
    p.check(account !== undefined && stage !== undefined, `${where}: unknown account or stage`);
    if (account === undefined || stage === undefined) continue;
    p.check(users.has(opportunity.ownerId), `${where}: unknown owner`);
    p.check(stage.pipelineId === opportunity.pipelineId, `${where}: stage of another pipeline`);
    p.check((opportunity.closedAt !== null) === (stage.kind !== 'OPEN'), `${where}: closedAt vs ${stage.kind}`);
    p.check(MONEY.test(opportunity.amount), `${where}: amount ${opportunity.amount}`);
    const range = DEAL_PROFILES[dealProfileKey(account)].amount;
    const amount = cents(opportunity.amount);
    p.check(
      amount >= BigInt(range.min) * 100n && amount <= BigInt(range.max) * 100n,
      `${where}: ${opportunity.amount} outside ${dealProfileKey(account)} range`,
    );
    p.check(opportunity.currency === (account.annualRevenueCurrency ?? 'USD'), `${where}: currency`);
    p.check(/^\d{4}-\d{2}-\d{2}$/.test(opportunity.expectedCloseDate), `${where}: expectedCloseDate`);
    p.check(opportunity.createdAt >= account.createdAt, `${where}: created before its account`);
    p.check(opportunity.updatedAt.getTime() <= nowMs && opportunity.updatedAt >= opportunity.createdAt, `${where}: updatedAt`);
    if (opportunity.closedAt !== null) {
      p.check(opportunity.closedAt > opportunity.createdAt && opportunity.closedAt.getTime() <= nowMs, `${where}: closedAt`);
      p.check(opportunity.expectedCloseDate === opportunity.closedAt.toISOString().slice(0, 10), `${where}: close date`);
    }
  }

  checkStageHistories(p, b, opportunities, stages, users);

  for (const activity of b.activities) {
    const where = `activity ${activity.id} (${activity.type})`;
    p.check(users.has(activity.ownerId), `${where}: unknown owner`);
    p.check(
      (activity.contactId === null && activity.opportunityId === null) || activity.accountId !== null,
      `${where}: linked to a contact or deal but no account`,
    );
    p.check(activity.accountId === null || accounts.has(activity.accountId), `${where}: unknown account`);
    p.check(
      activity.contactId === null || contacts.get(activity.contactId)?.accountId === activity.accountId,
      `${where}: contact of another account`,
    );
    p.check(
      activity.opportunityId === null || opportunities.get(activity.opportunityId)?.accountId === activity.accountId,
      `${where}: opportunity of another account`,
    );
    const score = activity.feedbackScore;
    p.check(
      activity.type === 'FEEDBACK' ? score !== null && Number.isInteger(score) && score >= 0 && score <= 10 : score === null,
      `${where}: feedbackScore ${score}`,
    );
    if (activity.type === 'TASK') {
      p.check(activity.dueAt !== null, `${where}: task without dueAt`);
      p.check((activity.occurredAt === null) === (activity.completedAt === null), `${where}: occurredAt vs completedAt`);
    } else {
      p.check(activity.occurredAt !== null && activity.dueAt === null, `${where}: logged interaction without occurredAt`);
    }
    p.check(activity.occurredAt === null || activity.occurredAt.getTime() <= nowMs, `${where}: occurredAt in the future`);
    p.check(activity.completedAt === null || activity.completedAt.getTime() <= nowMs, `${where}: completedAt in the future`);
    p.check(activity.createdAt.getTime() <= nowMs && activity.updatedAt >= activity.createdAt, `${where}: createdAt/updatedAt`);
  }
  return p.list;
}

function checkStageHistories(
  p: Problems,
  b: Book,
  opportunities: Map<string, Opportunity>,
  stages: Map<string, Stage>,
  users: Map<string, unknown>,
): void {
  const history = new Map<string, StageChange[]>();
  for (const change of b.stageChanges) {
    p.check(opportunities.has(change.opportunityId), `stage change ${change.id}: unknown opportunity`);
    p.check(users.has(change.changedById), `stage change ${change.id}: unknown user`);
    const list = history.get(change.opportunityId) ?? [];
    list.push(change);
    history.set(change.opportunityId, list);
  }
  for (const opportunity of b.opportunities) {
    const where = `history of ${opportunity.name} (${opportunity.id})`;
    const changes = history.get(opportunity.id) ?? [];
    p.check(changes.length > 0, `${where}: empty`);
    if (changes.length === 0) continue;
    const first = changes[0]!;
    p.check(first.fromStageId === null && stages.get(first.toStageId)?.position === 0, `${where}: does not start at the first stage`);
    p.check(first.changedAt.getTime() === opportunity.createdAt.getTime(), `${where}: does not start at createdAt`);
    for (let i = 1; i < changes.length; i++) {
      const change = changes[i]!;
      const from = stages.get(change.fromStageId ?? '');
      const to = stages.get(change.toStageId);
      p.check(change.fromStageId === changes[i - 1]!.toStageId, `${where}: step ${i} does not continue from the previous stage`);
      p.check(change.changedAt > changes[i - 1]!.changedAt, `${where}: step ${i} is not chronological`);
      p.check(from?.kind === 'OPEN' && to?.pipelineId === opportunity.pipelineId, `${where}: step ${i} leaves a closed stage or pipeline`);
      // One step forward, except that a deal can be lost from any open stage.
      p.check(to?.kind === 'LOST' || to?.position === (from?.position ?? -2) + 1, `${where}: step ${i} skips stages`);
    }
    const last = changes[changes.length - 1]!;
    p.check(last.toStageId === opportunity.stageId, `${where}: does not end at the current stage`);
    p.check(
      opportunity.closedAt === null || last.changedAt.getTime() === opportunity.closedAt.getTime(),
      `${where}: last change is not at closedAt`,
    );
  }
}

(globalThis as any).__find = findProblems;

it('fuzz', () => {
  const t = Date.now();
  for (let seed = 0; seed < 150; seed++) {
    const scale = [0.01, 0.05, 0.3, 1, 2.5][seed % 5]!;
    const now = new Date(Date.UTC(2020 + (seed % 9), seed % 12, 1 + (seed % 28), seed % 24));
    const b = generateBook({ seed: seed * 7919, scale, now });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const problems = (globalThis as any).__find(b, now);
    if (problems.length) throw new Error(`seed ${seed * 7919} scale ${scale}: ${problems.join('\n')}`);
  }
  console.log('fuzz ms', Date.now() - t);
});
