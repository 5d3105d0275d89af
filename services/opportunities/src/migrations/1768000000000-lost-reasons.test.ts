import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { withEmptySchema } from '@crm/testing';
import { CreateOpportunities1764000000000 } from './1764000000000-create-opportunities';
import { StageChangeEvents1765000000000 } from './1765000000000-stage-change-events';
import { IdempotencyKeys1766000000000 } from './1766000000000-idempotency-keys';
import { AccessAndAudit1767000000000 } from './1767000000000-access-and-audit';
import { LostReasons1768000000000 } from './1768000000000-lost-reasons';

describe('the lost-reasons migration', () => {
  it('marks the moves of the existing history that reopened a closed deal, and goes down again', async () => {
    await withEmptySchema('opportunities', async (runner) => {
      for (const migration of [new CreateOpportunities1764000000000(), new StageChangeEvents1765000000000(), new IdempotencyKeys1766000000000(), new AccessAndAudit1767000000000()]) {
        await migration.up(runner);
      }
      const [{ id: pipelineId }] = await runner.query(`INSERT INTO opportunities.pipelines (name, is_default) VALUES ('P', true) RETURNING id`);
      const stages: { id: string; name: string }[] = await runner.query(
        `INSERT INTO opportunities.stages (pipeline_id, name, position, kind, probability)
         VALUES ($1, 'Open', 0, 'OPEN', 10), ($1, 'Next', 1, 'OPEN', 50), ($1, 'Won', 2, 'WON', 100), ($1, 'Lost', 3, 'LOST', 0) RETURNING id, name`,
        [pipelineId],
      );
      const id = (name: string) => stages.find((s) => s.name === name)!.id;
      const [accountId, ownerId] = [randomUUID(), randomUUID()];
      const [{ id: dealId }] = await runner.query(
        `INSERT INTO opportunities.opportunities (name, account_id, owner_id, pipeline_id, stage_id, amount, currency, expected_close_date)
         VALUES ('Deal', $1, $2, $3, $4, 10, 'EUR', '2027-01-01') RETURNING id`,
        [accountId, ownerId, pipelineId, id('Next')],
      );
      const path: [string | null, string, string][] = [
        [null, 'Open', 'OPEN'],
        ['Open', 'Won', 'WON'],
        ['Won', 'Open', 'OPEN'],
        ['Open', 'Lost', 'LOST'],
        ['Lost', 'Next', 'OPEN'],
      ];
      for (const [index, [from, to, kind]] of path.entries()) {
        await runner.query(
          `INSERT INTO opportunities.stage_changes (opportunity_id, from_stage_id, to_stage_id, changed_by_id, changed_at, pipeline_id, account_id, owner_id, to_stage_kind)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $4, $8)`,
          [dealId, from ? id(from) : null, id(to), ownerId, new Date(Date.UTC(2026, 0, index + 1)), pipelineId, accountId, kind],
        );
      }

      await new LostReasons1768000000000().up(runner);
      expect(await runner.query(`SELECT reopened, lost_reason_id FROM opportunities.stage_changes ORDER BY seq`)).toEqual([
        { reopened: false, lost_reason_id: null },
        { reopened: false, lost_reason_id: null },
        { reopened: true, lost_reason_id: null },
        { reopened: false, lost_reason_id: null },
        { reopened: true, lost_reason_id: null },
      ]);
      await runner.query(`INSERT INTO opportunities.lost_reasons (name) VALUES ('Price')`);
      await expect(runner.query(`INSERT INTO opportunities.lost_reasons (name) VALUES ('PRICE')`)).rejects.toThrow(/unique/);
      await runner.query(`UPDATE opportunities.lost_reasons SET active = false`);
      await runner.query(`INSERT INTO opportunities.lost_reasons (name) VALUES ('PRICE')`);

      await new LostReasons1768000000000().down(runner);
      const columns = await runner.query(
        `SELECT column_name FROM information_schema.columns WHERE table_schema = 'opportunities' AND column_name IN ('reopened', 'lost_reason_id', 'lost_reason_note')`,
      );
      expect(columns).toEqual([]);
      expect(await runner.query(`SELECT to_regclass('opportunities.lost_reasons') AS t`)).toEqual([{ t: null }]);
    });
  });
});
