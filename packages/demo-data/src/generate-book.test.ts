import { faker as globalFaker } from '@faker-js/faker';
import type { Account, Book, Opportunity, Stage, StageChange } from './book';
import { DEAL_PROFILES, dealProfileKey } from './deal-profiles';
import { ADMIN_EMAIL, ANALYST_EMAIL, MANAGER_EMAIL, REP_EMAIL } from './defaults';
import { generateBook } from './generate-book';

const NOW = new Date('2026-11-01T00:00:00Z');
const DAY = 86_400_000;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const MONEY = /^\d+\.\d{2}$/;

const book = generateBook();
const book3 = generateBook({ scale: 3 });

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
  const lostReasons = byId(b.lostReasons);
  const nowMs = now.getTime();

  // Ids: unique across the whole book and v4-shaped.
  const all = [b.teams, b.users, b.accounts, b.contacts, b.pipelines, b.stages, b.lostReasons, b.opportunities, b.stageChanges, b.activities]
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
    p.check((opportunity.lostReasonId !== null) === (stage.kind === 'LOST'), `${where}: lostReasonId vs ${stage.kind}`);
    p.check(opportunity.lostReasonId === null || lostReasons.get(opportunity.lostReasonId)?.active === true, `${where}: lost reason unknown or inactive`);
    p.check(opportunity.lostReasonNote === null || opportunity.lostReasonId !== null, `${where}: a note without a lost reason`);
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

describe('generateBook', () => {
  describe('determinism', () => {
    it('returns byte-identical JSON for the same seed and scale', () => {
      expect(JSON.stringify(generateBook({ seed: 42, scale: 1 }))).toBe(JSON.stringify(book));
      expect(JSON.stringify(generateBook({ seed: 7, scale: 0.5 }))).toBe(JSON.stringify(generateBook({ seed: 7, scale: 0.5 })));
    });

    it('uses seed 42, scale 1 and 2026-11-01 as defaults', () => {
      expect(JSON.stringify(generateBook({ seed: 42, scale: 1, now: NOW }))).toBe(JSON.stringify(book));
      expect(book.seed).toBe(42);
      expect(book.scale).toBe(1);
    });

    it('produces a different book for a different seed', () => {
      const other = generateBook({ seed: 43 });
      expect(JSON.stringify(other)).not.toBe(JSON.stringify(book));
      expect(other.accounts[0]!.id).not.toBe(book.accounts[0]!.id);
      expect(other.accounts.map((a) => a.name)).not.toEqual(book.accounts.map((a) => a.name));
    });

    it('keeps every date relative to the given now', () => {
      const now = new Date('2030-01-15T00:00:00Z');
      const shifted = generateBook({ now });
      expectConsistent(shifted, now);
      expect(Math.max(...shifted.accounts.map((a) => a.createdAt.getTime()))).toBeGreaterThan(now.getTime() - 30 * DAY);
    });

    it('does not depend on the wall clock or on global faker state', () => {
      const realNow = Date.now;
      Date.now = () => 0;
      globalFaker.seed(123);
      globalFaker.person.firstName();
      try {
        expect(JSON.stringify(generateBook())).toBe(JSON.stringify(book));
      } finally {
        Date.now = realNow;
      }
    });

    it('rejects invalid options', () => {
      expect(() => generateBook({ scale: 0 })).toThrow(RangeError);
      expect(() => generateBook({ scale: -1 })).toThrow(RangeError);
      expect(() => generateBook({ scale: Number.NaN })).toThrow(RangeError);
      expect(() => generateBook({ seed: 1.5 })).toThrow(RangeError);
      expect(() => generateBook({ seed: -1 })).toThrow(RangeError);
      expect(() => generateBook({ now: new Date('nope') })).toThrow(RangeError);
    });
  });

  describe('integrity', () => {
    it('is internally consistent at scale 1', () => expectConsistent(book));
    it('is internally consistent at scale 3', () => expectConsistent(book3));
    it('is internally consistent for other seeds and small scales', () => {
      for (const [seed, scale] of [[1, 0.1], [2, 0.01], [3, 1.5], [99, 0.7]] as const) {
        expectConsistent(generateBook({ seed, scale }));
      }
    });

    it('reports broken books (the checker itself works)', () => {
      const broken: Book = JSON.parse(JSON.stringify(book), (_key, value) =>
        typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : value,
      );
      expect(findProblems(broken, NOW)).toEqual([]);
      const renewals = broken.stages.find((s) => s.name === 'Renewed')!;
      broken.opportunities[0]!.stageId = renewals.id;
      broken.activities[0]!.feedbackScore = 11;
      broken.accounts[0]!.parentId = broken.accounts[1]!.id;
      expect(findProblems(broken, NOW).length).toBeGreaterThanOrEqual(3);
    });

    it('never creates a cycle in the account hierarchy and keeps it at most two levels deep', () => {
      const parents = new Map(book.accounts.map((a) => [a.id, a.parentId]));
      for (const account of book.accounts) {
        let depth = 0;
        const seen = new Set([account.id]);
        for (let p = account.parentId; p !== null; p = parents.get(p) ?? null) {
          expect(seen.has(p)).toBe(false);
          seen.add(p);
          depth++;
        }
        expect(depth).toBeLessThanOrEqual(2);
      }
    });

    it('seats buying committees of contacts of the deal\'s account or its parent, each once, with at most one primary', () => {
      const accounts = byId(book.accounts);
      const contacts = byId(book.contacts);
      const deals = byId(book.opportunities);
      const committees = new Map<string, typeof book.committeeMembers>();
      for (const member of book.committeeMembers) committees.set(member.opportunityId, [...(committees.get(member.opportunityId) ?? []), member]);
      expect(committees.size).toBeGreaterThan(100);
      for (const [dealId, members] of committees) {
        const deal = deals.get(dealId)!;
        const group = [deal.accountId, accounts.get(deal.accountId)!.parentId];
        for (const member of members) expect(group).toContain(contacts.get(member.contactId)!.accountId);
        expect(new Set(members.map((m) => m.contactId)).size).toBe(members.length);
        expect(members.filter((m) => m.isPrimary).length).toBeLessThanOrEqual(1);
        expect(members.filter((m) => m.role === 'DECISION_MAKER')).toHaveLength(1);
      }
    });

    it('links logged interactions to accounts, contacts and deals of the same account', () => {
      const logged = book.activities.filter((a) => ['CALL', 'MEETING', 'EMAIL', 'NOTE'].includes(a.type));
      expect(share(logged, (a) => a.accountId !== null)).toBeGreaterThan(0.95);
      expect(share(logged, (a) => a.contactId !== null)).toBeGreaterThan(0.6);
      expect(share(logged, (a) => a.opportunityId !== null)).toBeGreaterThan(0.3);
    });
  });

  describe('users and teams', () => {
    it('has the fixed demo logins with their roles', () => {
      const role = (email: string) => book.users.find((u) => u.email === email)?.role;
      expect(role(ADMIN_EMAIL)).toBe('ADMIN');
      expect(role(ANALYST_EMAIL)).toBe('ANALYST');
      expect(role(MANAGER_EMAIL)).toBe('MANAGER');
      expect(role(REP_EMAIL)).toBe('REP');
      expect(book.users.find((u) => u.role === 'MANAGER')!.email).toBe(MANAGER_EMAIL);
      expect(book.users.find((u) => u.role === 'REP')!.email).toBe(REP_EMAIL);
    });

    it('gives users unique e-mails at crm.example', () => {
      for (const b of [book, book3]) {
        const emails = b.users.map((u) => u.email);
        expect(new Set(emails).size).toBe(emails.length);
        for (const email of emails) expect(email).toMatch(/^[a-z0-9.]+@crm\.example$/);
      }
    });

    it('has one admin, one analyst, a manager per team and reps in every team', () => {
      expect(book.teams.map((t) => t.name)).toEqual(['Enterprise EMEA', 'Enterprise Americas', 'Mid-Market', 'Customer Success']);
      expect(book.users.filter((u) => u.role === 'ADMIN')).toHaveLength(1);
      expect(book.users.filter((u) => u.role === 'ANALYST')).toHaveLength(1);
      for (const team of book.teams) {
        expect(book.users.filter((u) => u.role === 'MANAGER' && u.teamId === team.id)).toHaveLength(1);
        expect(book.users.filter((u) => u.role === 'REP' && u.teamId === team.id).length).toBeGreaterThan(0);
      }
    });
  });

  describe('pipelines', () => {
    it('has New Business (default) and Renewals & Expansion with their stages', () => {
      const summary = book.pipelines.map((p) => ({
        name: p.name,
        isDefault: p.isDefault,
        stages: book.stages
          .filter((s) => s.pipelineId === p.id)
          .sort((a, b) => a.position - b.position)
          .map((s) => `${s.position}:${s.name}:${s.kind}:${s.probability}`),
      }));
      expect(summary).toEqual([
        {
          name: 'New Business',
          isDefault: true,
          stages: ['0:Qualification:OPEN:10', '1:Discovery:OPEN:25', '2:Proposal:OPEN:50', '3:Negotiation:OPEN:75', '4:Closed Won:WON:100', '5:Closed Lost:LOST:0'],
        },
        {
          name: 'Renewals & Expansion',
          isDefault: false,
          stages: ['0:Renewal Due:OPEN:60', '1:Negotiation:OPEN:80', '2:Renewed:WON:100', '3:Churned:LOST:0'],
        },
      ]);
    });

    it('spreads opportunities over every stage', () => {
      const used = new Set(book.opportunities.map((o) => o.stageId));
      for (const stage of book.stages) expect(used.has(stage.id)).toBe(true);
    });

    it('has a rate, set by the admin, for every ordered pair of the currencies its deals are in', () => {
      const currencies = [...new Set(book.opportunities.map((o) => o.currency))].sort();
      expect(currencies).toEqual(['EUR', 'GBP', 'USD']);
      const pairs = book.exchangeRates.map((r) => `${r.fromCurrency}→${r.toCurrency}`).sort();
      expect(pairs).toEqual(currencies.flatMap((from) => currencies.filter((to) => to !== from).map((to) => `${from}→${to}`)).sort());
      const admin = book.users.find((u) => u.role === 'ADMIN')!;
      for (const rate of book.exchangeRates) {
        expect(rate).toMatchObject({ rate: expect.stringMatching(/^\d+\.\d+$/), updatedById: admin.id });
        expect(rate.updatedAt.getTime()).toBeLessThan(Date.parse('2026-11-01T00:00:00Z'));
      }
    });

    it('gives lost deals reasons from a managed list that fit the pipeline, some with a note', () => {
      expect(book.lostReasons.map((r) => `${r.name}${r.active ? '' : ' (inactive)'}`)).toEqual([
        'Price', 'Competitor', 'No decision', 'Timing', 'Missing features', 'Low adoption', 'Champion left', 'Went dark (inactive)',
      ]);
      const reasons = byId(book.lostReasons);
      const pipelineName = new Map(book.pipelines.map((p) => [p.id, p.name]));
      const lost = book.opportunities.filter((o) => o.lostReasonId !== null);
      const used = (pipeline: string) => new Set(lost.filter((o) => pipelineName.get(o.pipelineId) === pipeline).map((o) => reasons.get(o.lostReasonId!)!.name));
      expect([...used('New Business')].sort()).toEqual(['Competitor', 'Missing features', 'No decision', 'Price', 'Timing']);
      expect([...used('Renewals & Expansion')].sort()).toEqual(['Champion left', 'Competitor', 'Low adoption', 'Price']);
      const noted = share(lost, (o) => o.lostReasonNote !== null);
      expect(noted).toBeGreaterThan(0.25);
      expect(noted).toBeLessThan(0.55);
    });
  });

  describe('business realism', () => {
    const business = book.accounts.filter((a) => a.market === 'BUSINESS');

    it('is mostly B2B with consumer accounts that look like people', () => {
      expect(share(book.accounts, (a) => a.market === 'BUSINESS')).toBeGreaterThanOrEqual(0.8);
      expect(share(book.accounts, (a) => a.market === 'BUSINESS')).toBeLessThanOrEqual(0.9);
      for (const a of book.accounts.filter((x) => x.market === 'CONSUMER')) expect(a.name).toMatch(/^\S+ \S+/);
      expect(share(business, (a) => a.domain !== null)).toBeGreaterThan(0.9);
    });

    it('has tiers of roughly 10% strategic and 25% key accounts', () => {
      expect(share(book.accounts, (a) => a.tier === 'STRATEGIC')).toBeGreaterThanOrEqual(0.05);
      expect(share(book.accounts, (a) => a.tier === 'STRATEGIC')).toBeLessThanOrEqual(0.15);
      expect(share(book.accounts, (a) => a.tier === 'KEY')).toBeGreaterThanOrEqual(0.18);
      expect(share(book.accounts, (a) => a.tier === 'KEY')).toBeLessThanOrEqual(0.33);
    });

    it('makes about 15% of business accounts subsidiaries', () => {
      expect(share(business, (a) => a.parentId !== null)).toBeGreaterThanOrEqual(0.08);
      expect(share(business, (a) => a.parentId !== null)).toBeLessThanOrEqual(0.22);
    });

    it('correlates revenue with tier', () => {
      const median = (tier: Account['tier']) => {
        const values = business
          .filter((a) => a.tier === tier && a.annualRevenue !== null)
          .map((a) => cents(a.annualRevenue!))
          .sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
        return values[Math.floor(values.length / 2)]!;
      };
      expect(median('STRATEGIC')).toBeGreaterThan(median('KEY'));
      expect(median('KEY')).toBeGreaterThan(median('STANDARD'));
    });

    it('uses mostly USD with some EUR and GBP', () => {
      const currencies = book.accounts.flatMap((a) => (a.annualRevenueCurrency === null ? [] : [a.annualRevenueCurrency]));
      expect(share(currencies, (c) => c === 'USD')).toBeGreaterThan(0.5);
      expect(currencies).toContain('EUR');
      expect(currencies).toContain('GBP');
      expect(new Set(currencies)).toEqual(new Set(['USD', 'EUR', 'GBP']));
    });

    it('gives strategic accounts more contacts than standard ones', () => {
      const average = (tier: Account['tier']) => {
        const ids = new Set(business.filter((a) => a.tier === tier).map((a) => a.id));
        return book.contacts.filter((c) => ids.has(c.accountId)).length / ids.size;
      };
      expect(average('STRATEGIC')).toBeGreaterThan(average('STANDARD'));
    });

    it('gives consumer accounts fewer opportunities than business accounts', () => {
      const perAccount = (market: Account['market']) => {
        const ids = new Set(book.accounts.filter((a) => a.market === market).map((a) => a.id));
        return book.opportunities.filter((o) => ids.has(o.accountId)).length / ids.size;
      };
      expect(perAccount('CONSUMER')).toBeLessThan(perAccount('BUSINESS'));
    });

    it('usually lets the account owner own the opportunity', () => {
      const accounts = byId(book.accounts);
      expect(share(book.opportunities, (o) => o.ownerId === accounts.get(o.accountId)!.ownerId)).toBeGreaterThan(0.7);
    });

    it('keeps lifecycles consistent with deals', () => {
      const accounts = byId(book.accounts);
      const stages = byId(book.stages);
      const won = new Set(book.opportunities.filter((o) => stages.get(o.stageId)!.kind === 'WON').map((o) => o.accountId));
      for (const account of book.accounts) {
        if (account.lifecycle === 'CUSTOMER' || account.lifecycle === 'FORMER_CUSTOMER') expect(won.has(account.id)).toBe(true);
        if (account.lifecycle === 'PROSPECT') expect(won.has(account.id)).toBe(false);
      }
      // Training only for customers with won deals; feedback only from (former) customers.
      for (const activity of book.activities) {
        const account = activity.accountId === null ? null : accounts.get(activity.accountId)!;
        if (activity.type === 'TRAINING') {
          expect(account?.lifecycle).toBe('CUSTOMER');
          expect(won.has(account!.id)).toBe(true);
        }
        if (activity.type === 'FEEDBACK') expect(['CUSTOMER', 'FORMER_CUSTOMER']).toContain(account?.lifecycle);
      }
    });

    it('has overdue, upcoming and completed tasks', () => {
      const tasks = book.activities.filter((a) => a.type === 'TASK');
      const completed = tasks.filter((t) => t.completedAt !== null);
      const open = tasks.filter((t) => t.completedAt === null);
      expect(completed.length).toBeGreaterThan(50);
      expect(open.filter((t) => t.dueAt!.getTime() < NOW.getTime()).length).toBeGreaterThan(20);
      expect(open.filter((t) => t.dueAt!.getTime() > NOW.getTime()).length).toBeGreaterThan(20);
      for (const task of open) expect(task.occurredAt).toBeNull();
    });

    it('has every activity type', () => {
      const types = new Set(book.activities.map((a) => a.type));
      expect([...types].sort()).toEqual(['CALL', 'EMAIL', 'FEEDBACK', 'MEETING', 'NOTE', 'TASK', 'TRAINING']);
    });

    it('leaves some accounts stale for more than 120 days', () => {
      const last = new Map<string, number>();
      for (const a of book.activities) {
        if (a.accountId === null) continue;
        const times = [a.createdAt, a.updatedAt, a.occurredAt, a.dueAt, a.completedAt].flatMap((d) => (d ? [d.getTime()] : []));
        last.set(a.accountId, Math.max(last.get(a.accountId) ?? 0, ...times));
      }
      const stale = [...last.values()].filter((t) => t < NOW.getTime() - 120 * DAY);
      expect(stale.length).toBeGreaterThanOrEqual(10);
      expect(stale.length).toBeLessThan(last.size / 2);
    });
  });

  describe('sizes', () => {
    it('has the documented sizes at scale 1', () => {
      expect(book.teams).toHaveLength(4);
      expect(book.users.length).toBeGreaterThanOrEqual(20);
      expect(book.users.length).toBeLessThanOrEqual(30);
      expect(book.accounts.length).toBeGreaterThanOrEqual(270);
      expect(book.accounts.length).toBeLessThanOrEqual(330);
      expect(book.contacts.length).toBeGreaterThanOrEqual(700);
      expect(book.contacts.length).toBeLessThanOrEqual(1400);
      expect(book.pipelines).toHaveLength(2);
      expect(book.stages).toHaveLength(10);
      expect(book.opportunities.length).toBeGreaterThanOrEqual(450);
      expect(book.opportunities.length).toBeLessThanOrEqual(800);
      expect(book.stageChanges.length).toBeGreaterThan(book.opportunities.length * 2);
      expect(book.activities.length).toBeGreaterThanOrEqual(3600);
      expect(book.activities.length).toBeLessThanOrEqual(4400);
    });

    it('scales roughly linearly at scale 3', () => {
      for (const key of ['accounts', 'contacts', 'opportunities', 'stageChanges', 'activities'] as const) {
        const ratio = book3[key].length / book[key].length;
        expect(ratio).toBeGreaterThan(2.6);
        expect(ratio).toBeLessThan(3.4);
      }
      expect(book3.teams).toHaveLength(4);
      expect(book3.pipelines).toHaveLength(2);
    });
  });
});
