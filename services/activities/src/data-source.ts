import { createDataSource, type Logger } from '@crm/kernel';
import type { DataSource } from 'typeorm';
import { Activity } from './entities/activity.entity';
import { CreateActivities1764100000000 } from './migrations/1764100000000-create-activities';
import { IdempotencyKeys1766000000000 } from './migrations/1766000000000-idempotency-keys';
import { AccessAndAudit1767000000000 } from './migrations/1767000000000-access-and-audit';

export const SCHEMA = 'activities';

export function activitiesDataSource(url: string, logger: Logger, poolSize?: number): DataSource {
  return createDataSource({
    url,
    schema: SCHEMA,
    entities: [Activity],
    migrations: [CreateActivities1764100000000, IdempotencyKeys1766000000000, AccessAndAudit1767000000000],
    logger,
    poolSize,
  });
}
