import type { Account, Lifecycle, Market, Tier } from './book';
import type { GenerationContext } from './context';
import { BUSINESS_COUNTRY_WEIGHTS, CONSUMER_COUNTRY_WEIGHTS, type CountryProfile } from './countries';
import type { UserDirectory } from './generate-users';
import { COMPANY_STEMS, DIVISION_SUFFIXES, INDUSTRY_WEIGHTS, type IndustryProfile } from './industries';
import { formatMoney, roundSignificant } from './money';
import type { Random } from './random';
import { TEAM_CUSTOMER_SUCCESS, TEAM_ENTERPRISE_AMERICAS, TEAM_ENTERPRISE_EMEA, TEAM_MID_MARKET } from './teams';
import { slugify } from './text';
import { DAY, randomTime } from './time';

export const ACCOUNTS_AT_SCALE_1 = 300;

/** How a company spells addresses: jane.doe@, jdoe@, jane@ or janed@. */
export type EmailFormat = 'first.last' | 'flast' | 'first' | 'firstl';

/** How a corporate group names its members: "Globex UK", uk.globex.com. */
export interface GroupIdentity {
  /** Top-level name without legal suffix. */
  baseName: string;
  slug: string;
  /** Country of the top-level account. */
  country: CountryProfile | null;
  domain: string | null;
}

/** An account plus the generation facts later phases rely on. */
export interface AccountProfile {
  account: Account;
  index: number;
  createdAtMs: number;
  country: CountryProfile | null;
  /** Team of the owner. */
  teamIndex: number;
  /** 0 for top-level accounts, 1 or 2 for subsidiaries. */
  depth: number;
  /** The top-level account of the group (itself for top-level accounts). */
  group: GroupIdentity;
  emailFormat: EmailFormat;
  /** The person behind a CONSUMER account. */
  person: { firstName: string; lastName: string } | null;
}

const BUSINESS_TIERS: ReadonlyArray<readonly [Tier, number]> = [
  ['STRATEGIC', 0.12],
  ['KEY', 0.26],
  ['STANDARD', 0.62],
];

const LIFECYCLE_BY_TIER: Readonly<Record<Tier, ReadonlyArray<readonly [Lifecycle, number]>>> = {
  STRATEGIC: [['CUSTOMER', 0.62], ['PROSPECT', 0.22], ['FORMER_CUSTOMER', 0.06], ['PARTNER', 0.1]],
  KEY: [['CUSTOMER', 0.5], ['PROSPECT', 0.35], ['FORMER_CUSTOMER', 0.08], ['PARTNER', 0.07]],
  STANDARD: [['CUSTOMER', 0.35], ['PROSPECT', 0.51], ['FORMER_CUSTOMER', 0.09], ['PARTNER', 0.05]],
};

const CONSUMER_LIFECYCLES: ReadonlyArray<readonly [Lifecycle, number]> = [
  ['CUSTOMER', 0.45],
  ['PROSPECT', 0.45],
  ['FORMER_CUSTOMER', 0.1],
];

const REVENUE_BY_TIER: Readonly<Record<Tier, readonly [number, number]>> = {
  STRATEGIC: [1_000_000_000, 60_000_000_000],
  KEY: [100_000_000, 1_500_000_000],
  STANDARD: [2_000_000, 150_000_000],
};

const EMPLOYEES_BY_TIER: Readonly<Record<Tier, readonly [number, number]>> = {
  STRATEGIC: [5_000, 250_000],
  KEY: [500, 20_000],
  STANDARD: [10, 1_500],
};

const EMAIL_FORMATS: ReadonlyArray<readonly [EmailFormat, number]> = [
  ['first.last', 0.6],
  ['flast', 0.2],
  ['first', 0.08],
  ['firstl', 0.12],
];

export const CONSUMER_SHARE = 0.15;
/** Chance that a business account is a subsidiary once there are groups to join (~15% overall). */
const SUBSIDIARY_PROBABILITY = 0.15;
/** Minimum account ages for lifecycles that need a deal history. */
const MIN_CUSTOMER_AGE = 40 * DAY;
const MIN_FORMER_CUSTOMER_AGE = 500 * DAY;

export function accountCount(scale: number): number {
  return Math.max(1, Math.round(ACCOUNTS_AT_SCALE_1 * scale));
}

export function generateAccounts(ctx: GenerationContext, directory: UserDirectory): AccountProfile[] {
  const { faker, now } = ctx;
  const rng = ctx.rng('accounts');
  const count = accountCount(ctx.scale);

  // Accounts are created over the last four years; the array is chronological.
  const createdTimes: number[] = [];
  for (let i = 0; i < count; i++) createdTimes.push(randomTime(rng, now - 4 * 365 * DAY, now - 2 * DAY));
  createdTimes.sort((a, b) => a - b);

  // Exactly CONSUMER_SHARE of the accounts are consumers, spread randomly over the timeline.
  const markets: Market[] = [];
  for (let i = 0; i < count; i++) markets.push(i < Math.round(count * CONSUMER_SHARE) ? 'CONSUMER' : 'BUSINESS');
  for (let i = count - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [markets[i], markets[j]] = [markets[j]!, markets[i]!];
  }

  const usedNames = new Set<string>();
  const usedDomains = new Set<string>();
  const profiles: AccountProfile[] = [];
  const groupRoots: AccountProfile[] = [];
  const groupRootsWithChildren: AccountProfile[] = [];
  const groupSubsidiaries: AccountProfile[] = [];
  const childCount = new Map<number, number>();
  const industryOf = new Map<number, IndustryProfile>();

  const uniqueName = (candidates: () => string, fallback: string): string => {
    for (let attempt = 0; attempt < 8; attempt++) {
      const name = candidates();
      if (!usedNames.has(name)) {
        usedNames.add(name);
        return name;
      }
    }
    let name = fallback;
    for (let n = 2; usedNames.has(name); n++) name = `${fallback} ${n}`;
    usedNames.add(name);
    return name;
  };

  /** The first free candidate, else the stem with a number. */
  const claimDomain = (candidates: readonly string[], stem: string, tld: string): string => {
    let domain = candidates.find((candidate) => !usedDomains.has(candidate));
    for (let n = 2; domain === undefined; n++) {
      if (!usedDomains.has(`${stem}${n}.${tld}`)) domain = `${stem}${n}.${tld}`;
    }
    usedDomains.add(domain);
    return domain;
  };

  for (let index = 0; index < count; index++) {
    const createdAtMs = createdTimes[index]!;
    const age = now - createdAtMs;
    const market = markets[index]!;

    let parent: AccountProfile | null = null;
    if (market === 'BUSINESS' && groupRoots.length > 0 && rng.chance(SUBSIDIARY_PROBABILITY)) {
      if (groupSubsidiaries.length > 0 && rng.chance(0.2)) parent = rng.pick(groupSubsidiaries);
      else if (groupRootsWithChildren.length > 0 && rng.chance(0.3)) parent = rng.pick(groupRootsWithChildren);
      else parent = rng.pick(groupRoots);
    }

    let tier: Tier;
    let lifecycle: Lifecycle;
    let country: CountryProfile | null;
    let industry: IndustryProfile | null = null;
    let name: string;
    let group: GroupIdentity;
    let domain: string | null = null;
    let person: AccountProfile['person'] = null;

    if (market === 'CONSUMER') {
      tier = 'STANDARD';
      lifecycle = rng.weighted(CONSUMER_LIFECYCLES);
      country = rng.chance(0.05) ? null : rng.weighted(CONSUMER_COUNTRY_WEIGHTS);
      let firstName = faker.person.firstName();
      let lastName = faker.person.lastName();
      // Real people share names; retry a few times, then accept a duplicate.
      for (let attempt = 0; attempt < 8 && usedNames.has(`${firstName} ${lastName}`); attempt++) {
        firstName = faker.person.firstName();
        lastName = faker.person.lastName();
      }
      name = `${firstName} ${lastName}`;
      usedNames.add(name);
      person = { firstName, lastName };
      group = { baseName: name, slug: slugify(name), country, domain: null };
    } else if (parent !== null) {
      const parentAccount = parent.account;
      industry = industryOf.get(parent.index) ?? null;
      tier =
        parentAccount.tier === 'STRATEGIC'
          ? rng.weighted([['STRATEGIC', 0.25], ['KEY', 0.45], ['STANDARD', 0.3]] as const)
          : rng.weighted([['KEY', 0.3], ['STANDARD', 0.7]] as const);
      lifecycle =
        parentAccount.lifecycle === 'CUSTOMER' && rng.chance(0.6) ? 'CUSTOMER' : rng.weighted(LIFECYCLE_BY_TIER[tier]);
      const foreign = rng.chance(0.6);
      country = foreign ? rng.weighted(BUSINESS_COUNTRY_WEIGHTS) : parent.country;
      group = parent.group;
      const { baseName: groupName, slug: groupSlug, domain: groupDomain } = group;
      const label = country?.label ?? 'International';
      let suffix = foreign ? label : rng.pick(DIVISION_SUFFIXES);
      name = uniqueName(() => {
        const candidate = `${groupName} ${suffix}`;
        if (usedNames.has(candidate)) suffix = `${label} ${rng.pick(DIVISION_SUFFIXES)}`;
        return candidate;
      }, `${groupName} ${label}`);
      if (country !== null) {
        const sub = slugify(name.slice(groupName.length)) || country.code.toLowerCase();
        const candidates = [
          ...(foreign && country.tld !== group.country?.tld ? [`${groupSlug}.${country.tld}`] : []),
          ...(groupDomain !== null ? [`${sub}.${groupDomain}`] : []),
          `${groupSlug}-${sub}.${country.tld}`,
        ];
        domain = claimDomain(candidates, `${groupSlug}-${sub}`, country.tld);
      }
    } else {
      tier = rng.weighted(BUSINESS_TIERS);
      lifecycle = rng.weighted(LIFECYCLE_BY_TIER[tier]);
      country = rng.weighted(BUSINESS_COUNTRY_WEIGHTS);
      const chosenIndustry = rng.weighted(INDUSTRY_WEIGHTS);
      industry = chosenIndustry;
      const legal = country.legalSuffixes;
      let base = '';
      name = uniqueName(() => {
        const pattern = rng.next();
        if (pattern < 0.4) base = `${faker.person.lastName()} ${rng.pick(chosenIndustry.nameSuffixes)}`;
        else if (pattern < 0.75) base = `${rng.pick(COMPANY_STEMS)} ${rng.pick(chosenIndustry.nameSuffixes)}`;
        else base = faker.company.name();
        return rng.chance(0.35) ? `${base} ${rng.pick(legal)}` : base;
      }, `${faker.person.lastName()} ${chosenIndustry.nameSuffixes[0]}`);
      const baseName = name.startsWith(base) && base !== '' ? base : name;
      const slug = slugify(baseName).slice(0, 40) || 'company';
      domain = rng.chance(0.02)
        ? null
        : claimDomain([`${slug}.${country.tld}`, `${slug}group.${country.tld}`, `${slug}-${country.code.toLowerCase()}.com`], slug, country.tld);
      group = { baseName, slug, country, domain };
    }

    // Lifecycles that need history only for accounts old enough to have it.
    if (lifecycle === 'FORMER_CUSTOMER' && age < MIN_FORMER_CUSTOMER_AGE) lifecycle = 'CUSTOMER';
    if (lifecycle === 'CUSTOMER' && age < MIN_CUSTOMER_AGE) lifecycle = 'PROSPECT';

    let annualRevenue: string | null = null;
    let employeeCount: number | null = null;
    if (market === 'BUSINESS') {
      // Head count follows revenue (USD 80k–600k per employee), within the tier's range.
      const [revenueMin, revenueMax] = REVENUE_BY_TIER[tier];
      const revenue = roundSignificant(rng.logUniform(revenueMin, revenueMax), 3);
      const [employeesMin, employeesMax] = EMPLOYEES_BY_TIER[tier];
      const raw = Math.round(Math.min(employeesMax, Math.max(employeesMin, revenue / rng.logUniform(80_000, 600_000))));
      if (!rng.chance(0.06)) annualRevenue = formatMoney(revenue);
      if (!rng.chance(0.05)) {
        employeeCount = raw >= 10_000 ? Math.round(raw / 100) * 100 : raw >= 1_000 ? Math.round(raw / 10) * 10 : raw;
      }
    }

    const teamIndex = ownerTeam(rng, market, tier, lifecycle, country);
    const ownerId =
      parent !== null && rng.chance(0.5)
        ? parent.account.ownerId
        : rng.chance(0.08)
          ? directory.managersByTeam[teamIndex]!.id
          : rng.pick(directory.repsByTeam[teamIndex]!).id;

    const account: Account = {
      id: ctx.id('account', index),
      name,
      domain,
      industry: industry?.name ?? null,
      market,
      tier,
      lifecycle,
      annualRevenue,
      annualRevenueCurrency: annualRevenue === null ? null : (country?.currency ?? 'USD'),
      employeeCount,
      country: country?.code ?? null,
      parentId: parent?.account.id ?? null,
      ownerId,
      createdAt: new Date(createdAtMs),
      updatedAt: new Date(createdAtMs + Math.floor(Math.sqrt(rng.next()) * (now - createdAtMs) / 1000) * 1000),
    };

    const profile: AccountProfile = {
      account,
      index,
      createdAtMs,
      country,
      teamIndex: directory.teamIndexByUserId.get(ownerId) ?? teamIndex,
      depth: parent === null ? 0 : parent.depth + 1,
      group,
      emailFormat: rng.weighted(EMAIL_FORMATS),
      person,
    };
    profiles.push(profile);
    if (industry !== null) industryOf.set(index, industry);

    if (parent !== null) {
      const siblings = childCount.get(parent.index) ?? 0;
      childCount.set(parent.index, siblings + 1);
      if (siblings === 0 && parent.depth === 0) groupRootsWithChildren.push(parent);
      if (profile.depth === 1 && tier !== 'STANDARD') groupSubsidiaries.push(profile);
    } else if (market === 'BUSINESS') {
      if (tier === 'STRATEGIC' ? rng.chance(0.9) : tier === 'KEY' && rng.chance(0.3)) groupRoots.push(profile);
    }
  }
  return profiles;
}

function ownerTeam(
  rng: Random,
  market: Market,
  tier: Tier,
  lifecycle: Lifecycle,
  country: CountryProfile | null,
): number {
  if (market === 'BUSINESS' && tier !== 'STANDARD') {
    return country?.region === 'EMEA' ? TEAM_ENTERPRISE_EMEA : TEAM_ENTERPRISE_AMERICAS;
  }
  if (lifecycle === 'CUSTOMER' && rng.chance(0.35)) return TEAM_CUSTOMER_SUCCESS;
  if (lifecycle === 'PARTNER' && rng.chance(0.5)) return TEAM_CUSTOMER_SUCCESS;
  return TEAM_MID_MARKET;
}
