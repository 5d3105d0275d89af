import 'reflect-metadata';
import { generateBook } from '@crm/demo-data';
import { runSeed } from '@crm/kernel/subgraph';
import { seedBothWays, testLogger, withTestDatabase } from '@crm/testing';
import { activitiesSeed } from './seed';

describe('activities seed', () => {
  it('writes through the bulk insert exactly the rows the per-entity insert wrote, in every table of the schema', async () => {
    const { bulk, reference, varying } = await seedBothWays(activitiesSeed, { seed: 42, scale: 0.2 });
    expect(Object.values(reference).flat().length).toBeGreaterThan(100);
    // Only what the database makes up on each load: random ids and clocks of rows the book does not name.
    expect(varying).toEqual(['audit_log.id', 'interaction_events.id', 'interaction_events.recorded_at']);
    expect(bulk).toEqual(reference);
  });

  it('loads every activity of the demo book once, shared with its owner\'s team, with the timeline computed by the database', async () => {
    await withTestDatabase(async (database) => {
      const options = { seed: 7, scale: 0.1 };
      const book = generateBook(options);
      expect(await runSeed(activitiesSeed, database.url, options, testLogger)).toBe(true);
      expect(await runSeed(activitiesSeed, database.url, options, testLogger)).toBe(false);

      const db = activitiesSeed.dataSource(database.url, testLogger);
      await db.initialize();
      try {
        const [{ count, wrong }] = await db.query(
          `SELECT count(*)::int AS count,
                  count(*) FILTER (WHERE timeline_at <> coalesce(occurred_at, due_at, created_at))::int AS wrong
             FROM activities.activities`,
        );
        expect(count).toBe(book.activities.length);
        expect(wrong).toBe(0);
        const sample = book.activities.find((a) => a.type === 'FEEDBACK')!;
        const [row] = await db.query(`SELECT feedback_score, timeline_at FROM activities.activities WHERE id = $1`, [sample.id]);
        expect(row).toEqual({ feedback_score: sample.feedbackScore, timeline_at: sample.occurredAt });
        // Every activity is shared with its owner's team, so the team's reps see it.
        const teamOf = new Map(book.users.map((user) => [user.id, user.teamId]));
        const teams: { id: string; team_id: string | null }[] = await db.query(`SELECT id, team_id FROM activities.activities`);
        const byId = new Map(book.activities.map((activity) => [activity.id, activity]));
        expect(teams.filter((t) => t.team_id !== (teamOf.get(byId.get(t.id)!.ownerId) ?? null))).toEqual([]);
        expect(teams.some((t) => t.team_id !== null)).toBe(true);
      } finally {
        await db.destroy();
      }
    });
  });
});
