import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { withEmptySchema } from '@crm/testing';
import { CreateOpportunities1764000000000 } from './1764000000000-create-opportunities';
import { StageChangeEvents1765000000000 } from './1765000000000-stage-change-events';

describe('the stage-change events migration', () => {
  it('numbers the existing history in the order it happened, snapshots each deal, and numbers new rows after it', async () => {
    await withEmptySchema('opportunities', async (runner) => {
      await new CreateOpportunities1764000000000().up(runner);
      const [{ id: pipelineId }] = await runner.query(`INSERT INTO opportunities.pipelines (name, is_default) VALUES ('P', true) RETURNING id`);
      const stages: { id: string; name: string }[] = await runner.query(
        `INSERT INTO opportunities.stages (pipeline_id, name, position, kind, probability)
         VALUES ($1, 'Open', 0, 'OPEN', 10), ($1, 'Won', 1, 'WON', 100) RETURNING id, name`,
        [pipelineId],
      );
      const [open, won] = [stages.find((s) => s.name === 'Open')!.id, stages.find((s) => s.name === 'Won')!.id];
      const [accountId, ownerId, userId] = [randomUUID(), randomUUID(), randomUUID()];
      const [{ id: dealId }] = await runner.query(
        `INSERT INTO opportunities.opportunities (name, account_id, owner_id, pipeline_id, stage_id, amount, currency, expected_close_date)
         VALUES ('Deal', $1, $2, $3, $4, 10, 'EUR', '2027-01-01') RETURNING id`,
        [accountId, ownerId, pipelineId, won],
      );
      // Inserted out of order: the numbering must follow changed_at.
      await runner.query(
        `INSERT INTO opportunities.stage_changes (opportunity_id, from_stage_id, to_stage_id, changed_by_id, changed_at)
         VALUES ($1, $2, $3, $4, '2026-02-01'), ($1, NULL, $2, $4, '2026-01-01')`,
        [dealId, open, won, userId],
      );

      await new StageChangeEvents1765000000000().up(runner);
      expect(await runner.query(`SELECT seq::int, to_stage_id, pipeline_id, account_id, owner_id, team_id, to_stage_kind FROM opportunities.stage_changes ORDER BY seq`)).toEqual([
        { seq: 1, to_stage_id: open, pipeline_id: pipelineId, account_id: accountId, owner_id: ownerId, team_id: null, to_stage_kind: 'OPEN' },
        { seq: 2, to_stage_id: won, pipeline_id: pipelineId, account_id: accountId, owner_id: ownerId, team_id: null, to_stage_kind: 'WON' },
      ]);
      const [{ seq }] = await runner.query(
        `INSERT INTO opportunities.stage_changes (opportunity_id, from_stage_id, to_stage_id, changed_by_id, pipeline_id, account_id, owner_id, to_stage_kind)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'OPEN') RETURNING seq::int`,
        [dealId, won, open, userId, pipelineId, accountId, ownerId],
      );
      expect(seq).toBe(3);
      await expect(runner.query(`UPDATE opportunities.stage_changes SET seq = 1 WHERE seq = 3`)).rejects.toThrow(/unique/);

      await new StageChangeEvents1765000000000().down(runner);
      const columns = await runner.query(
        `SELECT column_name FROM information_schema.columns WHERE table_schema = 'opportunities' AND table_name IN ('stage_changes', 'opportunities') AND column_name IN ('seq', 'team_id', 'to_stage_kind')`,
      );
      expect(columns).toEqual([]);
      expect(await runner.query(`SELECT count(*)::int AS n FROM opportunities.stage_changes`)).toEqual([{ n: 3 }]);
    });
  });
});
