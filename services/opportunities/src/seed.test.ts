import 'reflect-metadata';
import { seedBothWays } from '@crm/testing';
import { opportunitiesSeed } from './seed';

describe('opportunities seed', () => {
  it('writes through the bulk insert exactly the rows the per-entity insert wrote, in every table of the schema', async () => {
    const { bulk, reference, varying } = await seedBothWays(opportunitiesSeed, { seed: 42, scale: 0.2 });
    expect(Object.values(reference).flat().length).toBeGreaterThan(100);
    // Only what the database makes up on each load: random ids and clocks of rows the book does not name.
    expect(varying).toEqual(['audit_log.id', 'open_pipeline_events.id', 'open_pipeline_events.recorded_at']);
    expect(bulk).toEqual(reference);
  });
});
