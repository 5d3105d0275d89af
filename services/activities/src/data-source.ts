import { type Logger } from '@crm/kernel';
import { createDataSource } from '@crm/kernel/subgraph';
import type { DataSource } from 'typeorm';
import { Activity } from './activities/activity.entity';
import { TrainingPlanStep } from './training/training-plan-step.entity';
import { TrainingPlan } from './training/training-plan.entity';
import { CreateActivities1764100000000 } from './migrations/1764100000000-create-activities';
import { IdempotencyKeys1766000000000 } from './migrations/1766000000000-idempotency-keys';
import { AccessAndAudit1767000000000 } from './migrations/1767000000000-access-and-audit';
import { Training1768200000000 } from './migrations/1768200000000-training';
import { InteractionEvents1768200000001 } from './migrations/1768200000001-interaction-events';
import { AuditLogByActor1768400000000 } from './migrations/1768400000000-audit-log-by-actor';

export const SCHEMA = 'activities';

export function activitiesDataSource(url: string, logger: Logger, poolSize?: number): DataSource {
  return createDataSource({
    url,
    schema: SCHEMA,
    entities: [Activity, TrainingPlan, TrainingPlanStep],
    migrations: [CreateActivities1764100000000, IdempotencyKeys1766000000000, AccessAndAudit1767000000000, Training1768200000000, InteractionEvents1768200000001, AuditLogByActor1768400000000],
    logger,
    poolSize,
  });
}
