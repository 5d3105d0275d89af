import { BadUserInputError, requireRole } from '@crm/kernel';
import {
  AuditAction,
  assertAssignable,
  auditChanged,
  defaultTeamId,
  definedOnly,
  idempotentCall,
  lockForWrite,
  recordCommands,
  rejectNulls,
  runIdempotent,
  WRITING_ROLES,
  type IdempotentCall,
  type MoneyInput,
} from '@crm/kernel/subgraph';
import type { Context } from '../context';
import { SCHEMA } from '../data-source';
import type { Pipeline } from '../pipelines/pipeline.entity';
import { findDefaultPipeline } from '../pipelines/pipeline.queries';
import { StageKind } from '../pipelines/stage-kind.enum';
import type { Stage } from '../pipelines/stage.entity';
import type { CreateOpportunityInput } from './create-opportunity.input';
import { recordStageChange } from './deal-stage-changed.log';
import { loadLostReason, lostReasonColumns, type LostReasonColumns, type LostReasonInput } from './lost-reason-columns';
import type { MoveOpportunityStageInput } from './move-opportunity-stage.input';
import { OpenPipelineChangeKind } from './open-pipeline-change-kind.enum';
import { recordOpenPipelineChange } from './open-pipeline-changed.log';
import { Opportunity } from './opportunity.entity';
import { OPPORTUNITY_RECORD } from './opportunity.record';
import type { UpdateOpportunityInput } from './update-opportunity.input';

// The writes of deals: one function per mutation, each one transaction (the kernel's record
// commands, and runIdempotent with lockForWrite for changes), each recording its stage change and its
// open-pipeline change in that transaction.

/**
 * The deals' guarded writes. Later mutations in the same request must not read this request's cached
 * state from before a write: a write of a deal also forgets its stage history and time in stages, and
 * its account's open pipeline.
 */
const deals = recordCommands(OPPORTUNITY_RECORD, {
  schema: SCHEMA,
  loader: (ctx: Context) => ctx.loaders.opportunityById,
  forget: (ctx, deal) => {
    ctx.loaders.stageHistoryByOpportunityId.clear(deal.id);
    ctx.loaders.timeInStagesByOpportunityId.clear(deal.id);
    ctx.loaders.openPipelineValueByAccountId.clear(deal.accountId);
  },
});

type OpportunityColumns = Partial<Pick<Opportunity, 'name' | 'ownerId' | 'teamId' | 'accountId' | 'amountValue' | 'currency' | 'expectedCloseDate'>>;

function amountColumns(money: MoneyInput | undefined): OpportunityColumns {
  return money ? { amountValue: money.amount, currency: money.currency.toUpperCase() } : {};
}

/** `createOpportunity`: the deal and the first entry of its stage history; a retry with the same key and input returns the first result. */
export async function createOpportunity(ctx: Context, input: CreateOpportunityInput): Promise<Opportunity> {
  requireRole(ctx.principal, WRITING_ROLES, 'create opportunities');
  assertAssignable(ctx.principal, input);
  const ownerId = input.ownerId ?? ctx.principal.userId;
  const teamId = defaultTeamId(ctx.principal, ownerId, input.teamId);
  // A replay answers with the deal as the caller may read it now (it may have been reassigned or deleted since).
  return deals.create(ctx, 'createOpportunity', input, {
    prepare: () => placeNewOpportunity(ctx, input),
    insert: async (manager, { pipeline, stage, lost }) => {
      const { identifiers } = await manager.insert(Opportunity, {
        name: input.name,
        accountId: input.accountId,
        ownerId,
        teamId,
        pipelineId: pipeline.id,
        stageId: stage.id,
        ...amountColumns(input.amount),
        expectedCloseDate: input.expectedCloseDate,
        closedAt: stage.kind === StageKind.OPEN ? null : () => 'now()',
        ...lost,
      });
      const opportunityId = identifiers[0].id as string;
      await recordStageChange(manager, { opportunityId, fromStageId: null, changedById: ctx.principal.userId });
      return opportunityId;
    },
    afterCreate: (manager, created) => recordOpenPipelineChange(manager, OpenPipelineChangeKind.CREATED, null, created),
  });
}

/** `updateOpportunity`: a new stageId moves the deal exactly like moveOpportunityStage. */
export async function updateOpportunity(ctx: Context, id: string, input: UpdateOpportunityInput): Promise<Opportunity> {
  requireRole(ctx.principal, WRITING_ROLES, 'change opportunities');
  rejectNulls(input, ['name', 'ownerId', 'amount', 'expectedCloseDate', 'accountId', 'stageId']);
  assertAssignable(ctx.principal, input);
  const { expectedVersion, stageId, amount, lostReasonId, lostReasonNote, ...fields } = input;
  const lost = { lostReasonId, lostReasonNote };
  return changeOpportunity(ctx, id, { ...definedOnly(fields), ...amountColumns(amount) }, stageId ?? null, expectedVersion, lost);
}

/** `moveOpportunityStage`: a retry with the same key and input returns the deal as it is now without moving it again. */
export async function moveOpportunityStage(ctx: Context, input: MoveOpportunityStageInput): Promise<Opportunity> {
  requireRole(ctx.principal, WRITING_ROLES, 'move opportunities');
  const idempotency = idempotentCall(SCHEMA, ctx.principal, 'moveOpportunityStage', input);
  const lost = { lostReasonId: input.lostReasonId, lostReasonNote: input.lostReasonNote };
  return changeOpportunity(ctx, input.opportunityId, {}, input.stageId, input.expectedVersion, lost, idempotency);
}

/** `deleteOpportunity`: whoever may change the deal may delete it; the account's open pipeline follows. */
export function deleteOpportunity(ctx: Context, id: string, expectedVersion: number | null): Promise<Opportunity> {
  return deals.delete(ctx, id, expectedVersion, {
    afterWrite: (manager, before, after) => recordOpenPipelineChange(manager, OpenPipelineChangeKind.DELETED, before, after),
  });
}

/** `restoreOpportunity`: ADMIN, or a MANAGER for their team's deals; the account's open pipeline follows. */
export function restoreOpportunity(ctx: Context, id: string): Promise<Opportunity> {
  return deals.restore(ctx, id, {
    afterWrite: (manager, before, after) => recordOpenPipelineChange(manager, OpenPipelineChangeKind.RESTORED, before, after),
  });
}

/**
 * Pipeline and stage of a new deal: the named ones, else the named stage's pipeline, else the default
 * pipeline; and its first OPEN stage when no stage is named. A deal created in a LOST stage needs its
 * lost reason (`lost`), as if it had been moved there.
 */
async function placeNewOpportunity(ctx: Context, input: CreateOpportunityInput): Promise<{ pipeline: Pipeline; stage: Stage; lost: LostReasonColumns }> {
  const placed = await placeInPipeline(ctx, input);
  return { ...placed, lost: lostReasonColumns(input, await loadLostReason(ctx, input), placed.stage, true) };
}

async function placeInPipeline(ctx: Context, input: CreateOpportunityInput): Promise<{ pipeline: Pipeline; stage: Stage }> {
  const named = input.stageId ? await ctx.loaders.stageById.load(input.stageId) : null;
  if (input.stageId && !named) throw BadUserInputError.field('input.stageId', `no stage with id ${input.stageId}`);
  const pipelineId = input.pipelineId ?? named?.pipelineId;
  const pipeline = pipelineId ? await ctx.loaders.pipelineById.load(pipelineId) : await findDefaultPipeline(ctx.db);
  if (!pipeline) {
    throw BadUserInputError.field(
      'input.pipelineId',
      pipelineId ? `no pipeline with id ${pipelineId}` : 'no pipeline is marked as default; name one (pipelineId) or have an ADMIN or MANAGER mark one as default',
    );
  }
  if (named) {
    await assertStageInPipeline(ctx, named, pipeline, 'input.stageId');
    return { pipeline, stage: named };
  }
  const first = (await ctx.loaders.stagesByPipelineId.load(pipeline.id)).find((stage) => stage.kind === StageKind.OPEN);
  if (!first) throw BadUserInputError.field('input.stageId', `pipeline "${pipeline.name}" has no OPEN stage to start in; name a stage`);
  return { pipeline, stage: first };
}

async function assertStageInPipeline(ctx: Context, stage: Stage, pipeline: Pipeline, field: string): Promise<void> {
  if (stage.pipelineId === pipeline.id) return;
  const other = await ctx.loaders.pipelineById.load(stage.pipelineId);
  throw BadUserInputError.field(
    field,
    `expected a stage of pipeline "${pipeline.name}" (${pipeline.id}), got stage "${stage.name}" of pipeline "${other?.name}" (${stage.pipelineId})`,
  );
}

/**
 * The one write path for existing deals, shared by updateOpportunity and moveOpportunityStage, through
 * the kernel's `runIdempotent`: in one transaction claim the idempotency key when there is one, lock
 * the row (so a move without `expectedVersion` still records the true previous stage), refuse a stale
 * `expectedVersion`, update guarded by the version, record a stage move, and store the key's result.
 * A move to the current stage with nothing else to change writes nothing (but does use up the key).
 * Lost reasons follow `lostReasonColumns`: required into a LOST stage, cleared out of it.
 * A call whose key was already used with the same input returns the deal as it is now and writes
 * nothing: the version check is skipped, since the first call's own write made `expectedVersion` stale.
 */
async function changeOpportunity(
  ctx: Context,
  id: string,
  columns: OpportunityColumns,
  stageId: string | null,
  expectedVersion: number | null | undefined,
  lost: LostReasonInput,
  idempotency?: IdempotentCall,
): Promise<Opportunity> {
  const outcome = await runIdempotent(ctx.db, idempotency, {
    prepare: () => prepareChange(ctx, id, stageId, lost),
    write: async (manager, { target, reason, stages, lostGiven }) => {
      const repository = manager.getRepository(Opportunity);
      const current = await lockForWrite(manager, OPPORTUNITY_RECORD, ctx.principal, id, { expectedVersion, what: 'change' });
      const moves = target !== null && target.id !== current.stageId;
      const stageAfter = moves || lostGiven ? (target ?? stages.find((stage) => stage.id === current.stageId)!) : null;
      const changes = { ...columns, ...(stageAfter ? lostReasonColumns(lost, reason, stageAfter, moves) : {}) };
      if (!moves && Object.keys(changes).length === 0) return { current, updated: current };

      // now() is when the transaction began, which may be before it waited for the lock; stamping with
      // the clock once the lock is ours keeps concurrent moves in the order they really happened.
      // Passed on as text, so the microseconds survive (a JS Date would keep only milliseconds).
      const [{ at }] = await manager.query('SELECT clock_timestamp()::text AS at');
      const stamp = () => ':at';
      const patch = {
        ...changes,
        updatedAt: stamp,
        ...(moves ? { stageId: target!.id, closedAt: target!.kind === StageKind.OPEN ? null : stamp } : {}),
      };
      // The kernel's updateVersioned technique (guard on the version, check the affected rows) with our timestamp.
      const { affected } = await repository
        .createQueryBuilder()
        .update()
        .set(patch)
        .where('id = :id AND version = :version', { id, version: current.version, at })
        .execute();
      if (!affected) throw new Error(`Opportunity ${id} changed while locked`);
      if (moves) await recordStageChange(manager, { opportunityId: id, fromStageId: current.stageId, changedById: ctx.principal.userId, changedAt: at });
      const updated = await auditChanged(manager, OPPORTUNITY_RECORD, ctx.principal, current, AuditAction.UPDATE);
      // After the stage change (its lock first): amount, currency, owner, team, account or an OPEN↔WON/LOST move.
      await recordOpenPipelineChange(manager, OpenPipelineChangeKind.CHANGED, current, updated);
      return { current, updated };
    },
    resultId: () => id,
  });

  if (outcome.replayed) {
    // The deal as it is now: this request may have cached it before the first call's write committed.
    ctx.loaders.opportunityById.clear(outcome.id);
    const deal = await deals.load(ctx, outcome.id);
    deals.forget(ctx, deal);
    return deal;
  }
  const { current, updated } = outcome.result;
  deals.forget(ctx, current);
  return deals.written(ctx, updated);
}

/**
 * What a change needs to know before its transaction: the deal exists for the caller, the target stage
 * is one of its pipeline's, and the lost reason. Read now, not inside the transaction, which must not
 * wait for a second pool connection. Stages never change, and a deal never changes pipeline, so the
 * deal's stage under the lock is one of `stages`.
 */
async function prepareChange(ctx: Context, id: string, stageId: string | null, lost: LostReasonInput) {
  const before = await deals.load(ctx, id);
  let target: Stage | null = null;
  if (stageId) {
    // A deal never changes pipeline, so checking the target against the row read here is safe.
    target = await ctx.loaders.stageById.load(stageId);
    if (!target) throw BadUserInputError.field('input.stageId', `no stage with id ${stageId}`);
    const pipeline = await ctx.loaders.pipelineById.load(before.pipelineId);
    await assertStageInPipeline(ctx, target, pipeline!, 'input.stageId');
  }
  const lostGiven = Boolean(lost.lostReasonId) || lost.lostReasonNote != null;
  const reason = await loadLostReason(ctx, lost);
  const stages = lostGiven ? await ctx.loaders.stagesByPipelineId.load(before.pipelineId) : [];
  return { target, reason, stages, lostGiven };
}
