import type { DataSource } from 'typeorm';
import { StaleThreshold } from './stale-threshold.entity';

/** `staleThresholds`, STRATEGIC first: the tier enum's order in PostgreSQL is STRATEGIC, KEY, STANDARD. */
export function listStaleThresholds(db: DataSource): Promise<StaleThreshold[]> {
  return db.getRepository(StaleThreshold).find({ order: { tier: 'ASC' } });
}
