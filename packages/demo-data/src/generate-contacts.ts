import type { Contact, Tier } from './book';
import type { GenerationContext } from './context';
import { CONSUMER_EMAIL_DOMAINS, type CountryProfile } from './countries';
import type { AccountProfile, EmailFormat } from './generate-accounts';
import { DIRECTOR_TITLES, EXECUTIVE_TITLES, INDIVIDUAL_TITLES, MANAGER_TITLES } from './job-titles';
import { slugify } from './text';
import { DAY, randomTime } from './time';

/** Inclusive range of contacts per business account, by tier. */
export const CONTACTS_PER_TIER: Readonly<Record<Tier, readonly [number, number]>> = {
  STRATEGIC: [5, 8],
  KEY: [3, 6],
  STANDARD: [2, 4],
};

export interface GeneratedContacts {
  contacts: Contact[];
  /** Contacts per account, indexed like the accounts array. */
  byAccount: Contact[][];
}

export function generateContacts(ctx: GenerationContext, profiles: AccountProfile[]): GeneratedContacts {
  const { faker, now } = ctx;
  const rng = ctx.rng('contacts');
  const contacts: Contact[] = [];
  const byAccount: Contact[][] = [];
  const consumerEmails = new Set<string>();

  for (const profile of profiles) {
    const { account } = profile;
    const own: Contact[] = [];
    const ownEmails = new Set<string>();
    const isConsumer = account.market === 'CONSUMER';
    const [min, max] = CONTACTS_PER_TIER[account.tier];
    const count = isConsumer ? 1 : rng.int(min, max);

    for (let k = 0; k < count; k++) {
      const firstName = profile.person?.firstName ?? faker.person.firstName();
      const lastName = profile.person?.lastName ?? faker.person.lastName();

      let email: string | null = null;
      if (isConsumer) {
        const local =
          rng.chance(0.6)
            ? `${slugify(firstName)}.${slugify(lastName)}`
            : `${slugify(firstName)}${slugify(lastName)}${rng.int(1, 99)}`;
        const domain = rng.pick(CONSUMER_EMAIL_DOMAINS);
        email = `${local}@${domain}`;
        for (let n = 2; consumerEmails.has(email); n++) email = `${local}${n}@${domain}`;
        consumerEmails.add(email);
      } else if (account.domain !== null && !rng.chance(0.04)) {
        const local = emailLocalPart(profile.emailFormat, firstName, lastName);
        email = `${local}@${account.domain}`;
        for (let n = 2; ownEmails.has(email); n++) email = `${local}${n}@${account.domain}`;
        ownEmails.add(email);
      }

      const phone = rng.chance(isConsumer ? 0.6 : 0.75) ? phoneNumber(ctx, profile.country) : null;

      let jobTitle: string | null = null;
      if (!isConsumer && !(k > 0 && rng.chance(0.05))) {
        const pool =
          k === 0
            ? EXECUTIVE_TITLES
            : rng.weighted([
                [DIRECTOR_TITLES, 0.3],
                [MANAGER_TITLES, 0.4],
                [INDIVIDUAL_TITLES, 0.3],
              ] as const);
        jobTitle = faker.helpers.arrayElement(pool);
      }

      // The first contact arrives with the account; the others trickle in, mostly early.
      const lo = profile.createdAtMs;
      const createdAtMs =
        k === 0
          ? randomTime(rng, lo, Math.min(now, lo + 3 * DAY))
          : randomTime(rng, lo, lo + Math.floor(Math.pow(rng.next(), 2) * (now - lo)));
      const updatedAtMs = rng.chance(0.5) ? createdAtMs : randomTime(rng, createdAtMs, now);

      const contact: Contact = {
        id: ctx.id('contact', contacts.length),
        accountId: account.id,
        firstName,
        lastName,
        email,
        phone,
        jobTitle,
        createdAt: new Date(createdAtMs),
        updatedAt: new Date(updatedAtMs),
      };
      contacts.push(contact);
      own.push(contact);
    }
    byAccount.push(own);
  }
  return { contacts, byAccount };
}

function emailLocalPart(format: EmailFormat, firstName: string, lastName: string): string {
  const first = slugify(firstName) || 'contact';
  const last = slugify(lastName) || 'person';
  switch (format) {
    case 'first.last':
      return `${first}.${last}`;
    case 'flast':
      return `${first[0]}${last}`;
    case 'first':
      return first;
    case 'firstl':
      return `${first}${last[0]}`;
  }
}

/** An E.164 number for the country (US-style when unknown). */
function phoneNumber(ctx: GenerationContext, country: CountryProfile | null): string {
  const dialCode = country?.dialCode ?? '1';
  const digits = country?.nationalDigits ?? 10;
  return `+${dialCode}${ctx.faker.string.numeric({ length: digits, allowLeadingZeros: false })}`;
}
