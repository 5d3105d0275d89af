import type { EntityManager } from 'typeorm';

/**
 * Every transaction-scoped advisory lock of the platform, in one registry so that no two collide.
 * Event logs use fixed keys above the int4 range (7 000 000 001 and up), which `hashtext` keys of
 * the named locks can never reach; a writer holds its log's lock from taking its `seq` until it
 * commits, so `seq` order is commit order (docs/events.md).
 */
export const ADVISORY_LOCKS = {
  /** opportunities.stage_changes, the dealStageChanged log. */
  dealStageChanged: 7_000_000_001,
  /** activities.interaction_events, the interactionLogged log. */
  interactionLogged: 7_000_000_002,
  /** opportunities.open_pipeline_events, the openPipelineChanged log. */
  openPipelineChanged: 7_000_000_003,
  /** Only one pipeline may be the default. */
  defaultPipeline: 'crm:opportunities:default-pipeline',
  /** Parent changes of accounts, so two concurrent ones cannot close a loop. */
  accountHierarchy: 'crm:accounts:hierarchy',
} as const;

export type AdvisoryLock = (typeof ADVISORY_LOCKS)[keyof typeof ADVISORY_LOCKS];

/** Takes `lock` until the end of `manager`'s transaction. */
export async function lockUntilCommit(manager: EntityManager, lock: AdvisoryLock): Promise<void> {
  if (typeof lock === 'number') await manager.query('SELECT pg_advisory_xact_lock($1::bigint)', [lock]);
  else await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [lock]);
}
