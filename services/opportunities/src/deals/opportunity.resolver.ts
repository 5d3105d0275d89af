import { AuditEntryConnection, auditTrail, Money, PageArgs } from '@crm/kernel/subgraph';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { Pipeline } from '../pipelines/pipeline.entity';
import { Stage } from '../pipelines/stage.entity';
import { Account } from '../stubs/account.stub';
import { Team } from '../stubs/team.stub';
import { User } from '../stubs/user.stub';
import { CreateOpportunityInput } from './create-opportunity.input';
import { MoveOpportunityStageInput } from './move-opportunity-stage.input';
import { OpportunityConnection } from './opportunity-connection.type';
import { OpportunityListArgs } from './opportunity-list.args';
import { createOpportunity, deleteOpportunity, moveOpportunityStage, restoreOpportunity, updateOpportunity } from './opportunity.commands';
import { Opportunity } from './opportunity.entity';
import { listOpportunities } from './opportunity.queries';
import { OPPORTUNITY_RECORD } from './opportunity.record';
import { StageChange } from './stage-change.entity';
import { UpdateOpportunityInput } from './update-opportunity.input';
import { weighAmount } from './weighted-amount';

@Resolver(() => Opportunity)
export class OpportunityResolver {
  @Query(() => Opportunity, { nullable: true, description: 'One opportunity by id; null when it does not exist' })
  opportunity(@Arg('id', () => ID, { description: 'Id of the opportunity' }) id: string, @Ctx() ctx: Context): Promise<Opportunity | null> {
    return ctx.loaders.opportunityById.load(id);
  }

  @Query(() => OpportunityConnection, { description: 'Opportunities (deals), filtered, sorted and paginated' })
  opportunities(@Args() args: OpportunityListArgs, @Ctx() ctx: Context) {
    return listOpportunities(ctx, args);
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
  createOpportunity(@Arg('input', () => CreateOpportunityInput, { description: 'The new deal' }) input: CreateOpportunityInput, @Ctx() ctx: Context): Promise<Opportunity> {
    return createOpportunity(ctx, input);
  }

  @Mutation(() => Opportunity, {
    description: 'Changes a deal; a new stageId moves it exactly like moveOpportunityStage. Pass `expectedVersion` to refuse overwriting a newer change',
  })
  updateOpportunity(
    @Arg('id', () => ID, { description: 'Id of the deal to change' }) id: string,
    @Arg('input', () => UpdateOpportunityInput, { description: 'The changes' }) input: UpdateOpportunityInput,
    @Ctx() ctx: Context,
  ): Promise<Opportunity> {
    return updateOpportunity(ctx, id, input);
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
    return moveOpportunityStage(ctx, input);
  }

  @Mutation(() => Opportunity, {
    description:
      'Deletes a deal: it vanishes from lists, lookups and events but can be restored (restoreOpportunity). Whoever may change the deal may delete it; ' +
      'pass `expectedVersion` to refuse deleting a newer version',
  })
  deleteOpportunity(
    @Arg('id', () => ID, { description: 'Id of the deal to delete' }) id: string,
    @Arg('expectedVersion', () => Int, { nullable: true, description: 'The version you read' }) expectedVersion: number | null,
    @Ctx() ctx: Context,
  ): Promise<Opportunity> {
    return deleteOpportunity(ctx, id, expectedVersion);
  }

  @Mutation(() => Opportunity, { description: 'Brings a deleted deal back; ADMIN, or a MANAGER for their team\'s deals' })
  restoreOpportunity(@Arg('id', () => ID, { description: 'Id of the deleted deal' }) id: string, @Ctx() ctx: Context): Promise<Opportunity> {
    return restoreOpportunity(ctx, id);
  }
}
