import type { CommitteeMember, CommitteeRole, CommitteeStance, Contact } from './book';
import type { GenerationContext } from './context';
import type { AccountProfile } from './generate-accounts';
import type { GeneratedContacts } from './generate-contacts';
import type { GeneratedOpportunities } from './generate-opportunities';
import type { Random } from './random';
import { DAY, randomTime } from './time';

/** Share of New Business deals of business accounts that get a buying committee, open and closed. */
const OPEN_WITH_COMMITTEE = 0.85;
const CLOSED_WITH_COMMITTEE = 0.35;

const STANCES: ReadonlyArray<readonly [CommitteeStance, number]> = [
  ['SUPPORTER', 0.35],
  ['NEUTRAL', 0.3],
  ['OPPONENT', 0.1],
  ['UNKNOWN', 0.25],
];

/** The items in a random order (Fisher–Yates), leaving `items` as it is. */
function shuffled<T>(rng: Random, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** A role from the job title: finance holds the budget, IT evaluates, procurement can block. */
function roleForTitle(title: string | null, championSeated: boolean): CommitteeRole {
  if (title === null || /Analyst|Coordinator|Assistant/.test(title)) return 'END_USER';
  if (/Financ/.test(title)) return 'ECONOMIC_BUYER';
  if (/Procurement/.test(title)) return 'BLOCKER';
  if (/\bIT\b|Technology|Information|Engineer|Security|Data|Architect|Systems|Administrator/.test(title)) return 'TECHNICAL_EVALUATOR';
  return championSeated ? 'INFLUENCER' : 'CHAMPION';
}

/**
 * Buying committees for most open New Business deals of business accounts (and some closed ones),
 * from the people of the deal's account: its first contact, the executive, decides; for a
 * subsidiary the parent's executive sometimes decides instead (group sign-off). Other roles follow
 * the job titles, so some committees lack an economic buyer or a technical evaluator, as real ones
 * do. Own PRNG stream: adding committees changed nothing else in the book.
 */
export function generateCommittees(
  ctx: GenerationContext,
  profiles: AccountProfile[],
  contacts: GeneratedContacts,
  deals: GeneratedOpportunities,
): CommitteeMember[] {
  const rng = ctx.rng('committees');
  const indexOfAccount = new Map(profiles.map((profile) => [profile.account.id, profile.index]));
  const members: CommitteeMember[] = [];

  for (const profile of profiles) {
    if (profile.account.market !== 'BUSINESS') continue;
    const own = contacts.byAccount[profile.index] ?? [];
    const parentIndex = profile.account.parentId === null ? undefined : indexOfAccount.get(profile.account.parentId);
    const parentExecutive = parentIndex === undefined ? undefined : contacts.byAccount[parentIndex]?.[0];
    for (const facts of deals.byAccount[profile.index] ?? []) {
      if (facts.pipelineKey !== 'NEW_BUSINESS' || own.length < 2) continue;
      if (!rng.chance(facts.outcome === 'OPEN' ? OPEN_WITH_COMMITTEE : CLOSED_WITH_COMMITTEE)) continue;

      const [executive, ...others] = own;
      const decider = parentExecutive && rng.chance(0.4) ? parentExecutive : executive!;
      const seats: { contact: Contact; role: CommitteeRole }[] = [{ contact: decider, role: 'DECISION_MAKER' }];
      if (decider !== executive) seats.push({ contact: executive!, role: 'INFLUENCER' });
      let championSeated = false;
      for (const contact of shuffled(rng, others).slice(0, rng.int(1, 4))) {
        const role = roleForTitle(contact.jobTitle, championSeated);
        championSeated ||= role === 'CHAMPION';
        seats.push({ contact, role });
      }
      const primary = seats.find((seat) => seat.role === 'CHAMPION') ?? seats[0]!;
      const until = Math.min(facts.closedAtMs ?? ctx.now, facts.createdAtMs + 45 * DAY);
      for (const seat of seats) {
        const createdAtMs = randomTime(rng, facts.createdAtMs, until);
        const stance: CommitteeStance = seat.role === 'BLOCKER' && rng.chance(0.5) ? 'OPPONENT' : rng.weighted(STANCES);
        members.push({
          id: ctx.id('committee-member', members.length),
          opportunityId: facts.opportunity.id,
          contactId: seat.contact.id,
          role: seat.role,
          stance,
          influence: rng.chance(0.15) ? null : seat.role === 'DECISION_MAKER' ? 5 : seat.role === 'ECONOMIC_BUYER' ? rng.int(4, 5) : rng.int(1, 4),
          isPrimary: seat === primary && rng.chance(0.8),
          createdAt: new Date(createdAtMs),
          updatedAt: new Date(rng.chance(0.6) ? createdAtMs : randomTime(rng, createdAtMs, until)),
        });
      }
    }
  }
  return members;
}
