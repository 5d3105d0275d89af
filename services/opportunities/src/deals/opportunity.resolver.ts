import { BadUserInputError, NotFoundError, requireRole } from '@crm/kernel';
import {
  AuditAction,
  assertAssignable,
  auditChanged,
  auditCreated,
  AuditEntryConnection,
  auditTrail,
  claimIdempotencyKey,
  defaultTeamId,
  definedOnly,
  deleteRecord,
  findIdempotentResult,
  idempotentCall,
  lockForWrite,
  Money,
  PageArgs,
  readableBy,
  paginate,
  recordIdempotentResult,
  rejectNulls,
  restoreRecord,
  runIdempotentCreate,
  WRITING_ROLES,
  type IdempotentCall,
  type MoneyInput,
} from '@crm/kernel/subgraph';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { SCHEMA } from '../data-source';
import { Opportunity } from './opportunity.entity';
import { OPPORTUNITY_RECORD } from './opportunity.record';
import { Pipeline } from '../pipelines/pipeline.entity';
import { StageChange } from './stage-change.entity';
import { StageKind } from '../pipelines/stage-kind.enum';
import { Stage } from '../pipelines/stage.entity';
import { OpenPipelineChangeKind } from './open-pipeline-change-kind.enum';
import { recordOpenPipelineChange } from './open-pipeline-changed.log';
import { recordStageChange } from './deal-stage-changed.log';
import { Account } from '../stubs/account.stub';
import { Team } from '../stubs/team.stub';
import { User } from '../stubs/user.stub';
import { CreateOpportunityInput } from './create-opportunity.input';
import { loadLostReason, lostReasonColumns, type LostReasonColumns, type LostReasonInput } from './lost-reason-columns';
import { MoveOpportunityStageInput } from './move-opportunity-stage.input';
import { OpportunityConnection } from './opportunity-connection.type';
import { applyOpportunityFilter } from './opportunity-filter.input';
import { OpportunityListArgs } from './opportunity-list.args';
import { opportunitySortOrder } from './opportunity-order.input';
import { UpdateOpportunityInput } from './update-opportunity.input';
import { weighAmount } from './weighted-amount';


type OpportunityColumns = Partial<Pick<Opportunity, 'name' | 'ownerId' | 'teamId' | 'accountId' | 'amountValue' | 'currency' | 'expectedCloseDate'>>;

function amountColumns(money: MoneyInput | undefined): OpportunityColumns {
  return money ? { amountValue: money.amount, currency: money.currency.toUpperCase() } : {};
}

@Resolver(() => Opportunity)
export class OpportunityResolver {
  @Query(() => Opportunity, { nullable: true, description: 'One opportunity by id; null when it does not exist' })
  opportunity(@Arg('id', () => ID, { description: 'Id of the opportunity' }) id: string, @Ctx() ctx: Context): Promise<Opportunity | null> {
    return ctx.loaders.opportunityById.load(id);
  }

  @Query(() => OpportunityConnection, { description: 'Opportunities (deals), filtered, sorted and paginated' })
  opportunities(@Args() { first, after, filter, orderBy }: OpportunityListArgs, @Ctx() ctx: Context) {
    const qb = applyOpportunityFilter(ctx.db.getRepository(Opportunity).createQueryBuilder('opportunity'), filter, ctx.principal);
    return paginate(qb, opportunitySortOrder(orderBy), { first, after });
  }

  @FieldResolver(() => Account, { nullable: true, description: 'The customer or prospect the deal is with; null when that account was deleted' })
  account(@Root() opportunity: Opportunity): Account {
    return { id: opportunity.accountId };
  }

  @FieldResolver(() => User, { description: 'The user responsible for the deal' })
  owner(@Root() opportunity: Opportunity): User {
    return { id: opportunity.ownerId };
  }

  @FieldResolver(() => Team, { nullable: true, description: 'The sales team the deal belongs to; null when it belongs to none' })
  team(@Root() opportunity: Opportunity): Team | null {
    return opportunity.teamId ? { id: opportunity.teamId } : null;
  }

  @FieldResolver(() => Pipeline, { description: 'The sales process the deal follows' })
  pipeline(@Root() opportunity: Opportunity, @Ctx() ctx: Context) {
    return ctx.loaders.pipelineById.load(opportunity.pipelineId);
  }

  @FieldResolver(() => Stage, { description: 'Where the deal stands in its pipeline now' })
  stage(@Root() opportunity: Opportunity, @Ctx() ctx: Context) {
    return ctx.loaders.stageById.load(opportunity.stageId);
  }

  @FieldResolver(() => Money, {
    description: 'Amount × the current stage\'s probability ÷ 100, rounded to cents: what the deal contributes to a weighted forecast',
  })
  async weightedAmount(@Root() opportunity: Opportunity, @Ctx() ctx: Context): Promise<Money> {
    const stage = await ctx.loaders.stageById.load(opportunity.stageId);
    if (!stage) throw new Error(`Opportunity ${opportunity.id} points at stage ${opportunity.stageId}, which does not exist`);
    return { amount: weighAmount(opportunity.amountValue, stage.probability), currency: opportunity.currency };
  }

  @FieldResolver(() => AuditEntryConnection, { description: 'Who changed what on this deal, newest first; ADMIN and MANAGER only' })
  auditTrail(@Root() opportunity: Opportunity, @Args() page: PageArgs, @Ctx() ctx: Context) {
    return auditTrail(ctx.db, ctx.principal, OPPORTUNITY_RECORD.name, opportunity.id, page);
  }

  @FieldResolver(() => [StageChange], { description: 'Every stage the deal entered, oldest first, starting with the stage it was created in' })
  stageHistory(@Root() opportunity: Opportunity, @Ctx() ctx: Context) {
    return ctx.loaders.stageHistoryByOpportunityId.load(opportunity.id);
  }

  @Mutation(() => Opportunity, {
    description:
      'Creates a deal and the first entry of its stage history; ADMIN, MANAGER or REP. A retry with the same `idempotencyKey` and input returns the first result',
  })
  async createOpportunity(@Arg('input', () => CreateOpportunityInput, { description: 'The new deal' }) input: CreateOpportunityInput, @Ctx() ctx: Context): Promise<Opportunity> {
    requireRole(ctx.principal, WRITING_ROLES, 'create opportunities');
    assertAssignable(ctx.principal, input);
    const ownerId = input.ownerId ?? ctx.principal.userId;
    const teamId = defaultTeamId(ctx.principal, ownerId, input.teamId);
    const { id } = await runIdempotentCreate(ctx.db, idempotentCall(SCHEMA, ctx.principal, 'createOpportunity', input), {
      prepare: () => placeNewOpportunity(ctx, input),
      write: async (manager, { pipeline, stage, lost }) => {
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
        const created = await auditCreated(manager, OPPORTUNITY_RECORD, ctx.principal, opportunityId);
        await recordOpenPipelineChange(manager, OpenPipelineChangeKind.CREATED, null, created);
        return opportunityId;
      },
    });
    // A replay returns the deal as the caller may read it now (it may have been reassigned or deleted since).
    const created = await ctx.loaders.opportunityById.load(id);
    if (!created) throw new NotFoundError('Opportunity', id);
    forgetDeal(ctx, created);
    return created;
  }

  @Mutation(() => Opportunity, {
    description: 'Changes a deal; a new stageId moves it exactly like moveOpportunityStage. Pass `expectedVersion` to refuse overwriting a newer change',
  })
  async updateOpportunity(
    @Arg('id', () => ID, { description: 'Id of the deal to change' }) id: string,
    @Arg('input', () => UpdateOpportunityInput, { description: 'The changes' }) input: UpdateOpportunityInput,
    @Ctx() ctx: Context,
  ): Promise<Opportunity> {
    requireRole(ctx.principal, WRITING_ROLES, 'change opportunities');
    rejectNulls(input, ['name', 'ownerId', 'amount', 'expectedCloseDate', 'accountId', 'stageId']);
    assertAssignable(ctx.principal, input);
    const { expectedVersion, stageId, amount, lostReasonId, lostReasonNote, ...fields } = input;
    const lost = { lostReasonId, lostReasonNote };
    return changeOpportunity(ctx, id, { ...definedOnly(fields), ...amountColumns(amount) }, stageId ?? null, expectedVersion, lost);
  }

  @Mutation(() => Opportunity, {
    description:
      'Moves a deal to another stage of its pipeline and records the move in its stage history; WON and LOST stages set closedAt, ' +
      'OPEN stages clear it. Moving to the current stage changes nothing. A retry with the same `idempotencyKey` and input returns the deal ' +
      'as it is now without moving it again, even though its version has moved past `expectedVersion`',
  })
  moveOpportunityStage(
    @Arg('input', () => MoveOpportunityStageInput, { description: 'The deal, the target stage and the version you read' }) input: MoveOpportunityStageInput,
    @Ctx() ctx: Context,
  ): Promise<Opportunity> {
    requireRole(ctx.principal, WRITING_ROLES, 'move opportunities');
    const idempotency = idempotentCall(SCHEMA, ctx.principal, 'moveOpportunityStage', input);
    const lost = { lostReasonId: input.lostReasonId, lostReasonNote: input.lostReasonNote };
    return changeOpportunity(ctx, input.opportunityId, {}, input.stageId, input.expectedVersion, lost, idempotency);
  }

  @Mutation(() => Opportunity, {
    description:
      'Deletes a deal: it vanishes from lists, lookups and events but can be restored (restoreOpportunity). Whoever may change the deal may delete it; ' +
      'pass `expectedVersion` to refuse deleting a newer version',
  })
  async deleteOpportunity(
    @Arg('id', () => ID, { description: 'Id of the deal to delete' }) id: string,
    @Arg('expectedVersion', () => Int, { nullable: true, description: 'The version you read' }) expectedVersion: number | null,
    @Ctx() ctx: Context,
  ): Promise<Opportunity> {
    const deleted = await deleteRecord(ctx.db, OPPORTUNITY_RECORD, ctx.principal, id, expectedVersion, {
      afterWrite: (manager, before, after) => recordOpenPipelineChange(manager, OpenPipelineChangeKind.DELETED, before, after),
    });
    forgetDeal(ctx, deleted);
    return deleted;
  }

  @Mutation(() => Opportunity, { description: 'Brings a deleted deal back; ADMIN, or a MANAGER for their team\'s deals' })
  async restoreOpportunity(@Arg('id', () => ID, { description: 'Id of the deleted deal' }) id: string, @Ctx() ctx: Context): Promise<Opportunity> {
    const restored = await restoreRecord(ctx.db, OPPORTUNITY_RECORD, ctx.principal, id, {
      afterWrite: (manager, before, after) => recordOpenPipelineChange(manager, OpenPipelineChangeKind.RESTORED, before, after),
    });
    forgetDeal(ctx, restored);
    return restored;
  }
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
  const pipeline = pipelineId
    ? await ctx.loaders.pipelineById.load(pipelineId)
    : await ctx.db.getRepository(Pipeline).findOneBy({ isDefault: true });
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

/** The deal a committed idempotent call changed, as it is now. */
async function replayedOpportunity(ctx: Context, id: string): Promise<Opportunity> {
  const deal = await ctx.loaders.opportunityById.load(id);
  if (!deal) throw new NotFoundError('Opportunity', id);
  return deal;
}

/**
 * The one write path for existing deals, shared by updateOpportunity and moveOpportunityStage. In one
 * transaction: claim the idempotency key when there is one, lock the row (so a move without
 * `expectedVersion` still records the true previous stage), refuse a stale `expectedVersion`, update
 * guarded by the version, record a stage move, and store the key's result.
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
  const committed = idempotency ? await findIdempotentResult(ctx.db, idempotency) : null;
  if (committed) return replayedOpportunity(ctx, committed);
  const before = await ctx.loaders.opportunityById.load(id);
  if (!before) throw new NotFoundError('Opportunity', id);
  let target: Stage | null = null;
  if (stageId) {
    // A deal never changes pipeline, so checking the target against the row read here is safe.
    target = await ctx.loaders.stageById.load(stageId);
    if (!target) throw BadUserInputError.field('input.stageId', `no stage with id ${stageId}`);
    const pipeline = await ctx.loaders.pipelineById.load(before.pipelineId);
    await assertStageInPipeline(ctx, target, pipeline!, 'input.stageId');
  }
  // Read now, not inside the transaction below, which must not wait for a second pool connection.
  // Stages never change, and a deal never changes pipeline, so the deal's stage under the lock is one of these.
  const lostGiven = Boolean(lost.lostReasonId) || lost.lostReasonNote != null;
  const reason = await loadLostReason(ctx, lost);
  const stages = lostGiven ? await ctx.loaders.stagesByPipelineId.load(before.pipelineId) : [];

  const { current, updated } = await ctx.db.transaction(async (manager) => {
    const repository = manager.getRepository(Opportunity);
    // The key first: a concurrent duplicate waits here until this transaction commits, then replays.
    const earlier = idempotency ? await claimIdempotencyKey(manager, idempotency) : null;
    if (earlier) {
      const deal = await readableBy(repository.createQueryBuilder('deal'), OPPORTUNITY_RECORD, ctx.principal).andWhere('deal.id = :earlier', { earlier }).getOne();
      if (!deal) throw new NotFoundError('Opportunity', earlier);
      return { current: deal, updated: deal };
    }
    const current = await lockForWrite(manager, OPPORTUNITY_RECORD, ctx.principal, id, { expectedVersion, what: 'change' });
    if (idempotency) await recordIdempotentResult(manager, idempotency, id);
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
  });

  forgetDeal(ctx, current);
  forgetDeal(ctx, updated);
  return updated;
}

/** Later mutations in the same request must not read this request's cached state from before a write. */
function forgetDeal(ctx: Context, deal: Opportunity): void {
  ctx.loaders.opportunityById.clear(deal.id);
  ctx.loaders.stageHistoryByOpportunityId.clear(deal.id);
  ctx.loaders.timeInStagesByOpportunityId.clear(deal.id);
  ctx.loaders.openPipelineValueByAccountId.clear(deal.accountId);
}
