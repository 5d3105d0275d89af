import { type Logger } from '@crm/kernel';
import { createDataSource } from '@crm/kernel/subgraph';
import type { DataSource } from 'typeorm';
import { ExchangeRate } from './exchange-rates/exchange-rate.entity';
import { LostReason } from './pipelines/lost-reason.entity';
import { CommitteeMember } from './committee/committee-member.entity';
import { Opportunity } from './deals/opportunity.entity';
import { Pipeline } from './pipelines/pipeline.entity';
import { StageChange } from './deals/stage-change.entity';
import { Stage } from './pipelines/stage.entity';
import { CreateOpportunities1764000000000 } from './migrations/1764000000000-create-opportunities';
import { StageChangeEvents1765000000000 } from './migrations/1765000000000-stage-change-events';
import { IdempotencyKeys1766000000000 } from './migrations/1766000000000-idempotency-keys';
import { AccessAndAudit1767000000000 } from './migrations/1767000000000-access-and-audit';
import { BuyingCommittee1768100000000 } from './migrations/1768100000000-buying-committee';
import { LostReasons1768000000000 } from './migrations/1768000000000-lost-reasons';
import { OpenPipelineEvents1768300000000 } from './migrations/1768300000000-open-pipeline-events';
import { AuditLogByActor1768400000000 } from './migrations/1768400000000-audit-log-by-actor';
import { ExchangeRates1768500000000 } from './migrations/1768500000000-exchange-rates';
import { EditableStages1768600000000 } from './migrations/1768600000000-editable-stages';

export const SCHEMA = 'opportunities';

export function opportunitiesDataSource(url: string, logger: Logger, poolSize?: number): DataSource {
  return createDataSource({
    url,
    schema: SCHEMA,
    entities: [Pipeline, Stage, Opportunity, StageChange, LostReason, CommitteeMember, ExchangeRate],
    migrations: [CreateOpportunities1764000000000, StageChangeEvents1765000000000, IdempotencyKeys1766000000000, AccessAndAudit1767000000000, LostReasons1768000000000, BuyingCommittee1768100000000, OpenPipelineEvents1768300000000, AuditLogByActor1768400000000, ExchangeRates1768500000000, EditableStages1768600000000],
    logger,
    poolSize,
  });
}
