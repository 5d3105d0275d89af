import 'reflect-metadata';
import { seedBothWays } from '@crm/testing';
import { accountsSeed } from './seed';

describe('accounts seed', () => {
  it('writes through the bulk insert exactly the rows the per-entity insert wrote, in every table of the schema', async () => {
    const { bulk, reference, varying } = await seedBothWays(accountsSeed, { seed: 42, scale: 0.2 });
    expect(Object.values(reference).flat().length).toBeGreaterThan(100);
    // Only what the database makes up on each load: random ids and clocks of rows the book does not name.
    expect(varying).toEqual(['audit_log.id', 'stale_thresholds.updated_at', 'teams.created_at', 'users.updated_at']);
    expect(bulk).toEqual(reference);
  });
});
