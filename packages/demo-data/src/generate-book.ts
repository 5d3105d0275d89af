import type { Book, GenerateBookOptions } from './book';
import { createContext } from './context';
import { DEFAULT_NOW_ISO, DEFAULT_SCALE, DEFAULT_SEED } from './defaults';
import { generateExchangeRates } from './exchange-rates';
import { generateAccounts } from './generate-accounts';
import { generateActivities } from './generate-activities';
import { generateCommittees } from './generate-committees';
import { generateContacts } from './generate-contacts';
import { generateOpportunities } from './generate-opportunities';
import { generateUsers } from './generate-users';
import { generateLostReasons } from './lost-reasons';
import { generatePipelines } from './pipelines';
import { generateTeams } from './teams';

/**
 * Generates a deterministic B2B book of business. The same (seed, scale, now) always
 * yields byte-identical output, ids included, so every service can regenerate the
 * book and insert only its own slice.
 */
export function generateBook(options: GenerateBookOptions = {}): Book {
  const seed = options.seed ?? DEFAULT_SEED;
  const scale = options.scale ?? DEFAULT_SCALE;
  const now = options.now ?? new Date(DEFAULT_NOW_ISO);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError(`seed must be an integer between 0 and 4294967295, got ${seed}`);
  }
  if (typeof scale !== 'number' || !Number.isFinite(scale) || scale <= 0) {
    throw new RangeError(`scale must be a positive number, got ${scale}`);
  }
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new RangeError('now must be a valid Date');
  }

  const ctx = createContext(seed, scale, now.getTime());
  const teams = generateTeams(ctx);
  const directory = generateUsers(ctx, teams);
  const pipelines = generatePipelines(ctx);
  const lostReasons = generateLostReasons(ctx);
  const profiles = generateAccounts(ctx, directory);
  const contacts = generateContacts(ctx, profiles);
  const deals = generateOpportunities(ctx, profiles, directory, pipelines, lostReasons);
  const activities = generateActivities(ctx, profiles, contacts, deals, directory);
  const committeeMembers = generateCommittees(ctx, profiles, contacts, deals);

  return {
    seed,
    scale,
    teams,
    users: directory.users,
    accounts: profiles.map((p) => p.account),
    contacts: contacts.contacts,
    pipelines: pipelines.pipelines,
    stages: pipelines.stages,
    lostReasons,
    exchangeRates: generateExchangeRates(ctx, directory.admin),
    opportunities: deals.opportunities,
    stageChanges: deals.stageChanges,
    committeeMembers,
    activities,
  };
}
