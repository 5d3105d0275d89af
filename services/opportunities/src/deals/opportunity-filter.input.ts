import { GraphQLLocalDate, type Principal } from '@crm/kernel';
import { applyDeletedFilter, containsPattern, readableBy } from '@crm/kernel/subgraph';
import { IsBoolean, IsISO4217CurrencyCode, IsOptional, IsUUID, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import type { SelectQueryBuilder } from 'typeorm';
import type { Opportunity } from './opportunity.entity';
import { OPPORTUNITY_RECORD } from './opportunity.record';
import { StageKind } from '../pipelines/stage-kind.enum';
import { Stage } from '../pipelines/stage.entity';

const DECIMAL = /^\d{1,16}(\.\d{1,2})?$/;
const DECIMAL_MESSAGE = 'must be a non-negative decimal string with at most 2 fraction digits, e.g. "10000.00"';

@InputType({ description: 'Narrows a list of opportunities; all given conditions must hold' })
export class OpportunityFilter {
  @Field(() => ID, { nullable: true, description: 'Only deals in this pipeline' })
  @IsOptional()
  @IsUUID()
  pipelineId?: string;

  @Field(() => ID, { nullable: true, description: 'Only deals currently in this stage' })
  @IsOptional()
  @IsUUID()
  stageId?: string;

  @Field(() => ID, { nullable: true, description: 'Only deals owned by this user' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @Field(() => ID, { nullable: true, description: 'Only deals of this team' })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @Field(() => ID, { nullable: true, description: 'Only deals with this account' })
  @IsOptional()
  @IsUUID()
  accountId?: string;

  @Field(() => StageKind, { nullable: true, description: 'Only open, only won or only lost deals' })
  stageKind?: StageKind;

  @Field({ nullable: true, description: 'Only deals in this currency (ISO 4217, e.g. "EUR")' })
  @IsOptional()
  @IsISO4217CurrencyCode()
  currency?: string;

  @Field({ nullable: true, description: 'Case-insensitive text contained in the deal name' })
  @IsOptional()
  @MaxLength(200)
  search?: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Only deals expected to close on or after this day' })
  expectedCloseFrom?: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Only deals expected to close on or before this day' })
  expectedCloseTo?: string;

  @Field({ nullable: true, description: 'Only deals worth at least this amount (decimal string, in the deal currency)' })
  @IsOptional()
  @Matches(DECIMAL, { message: `minAmount ${DECIMAL_MESSAGE}` })
  minAmount?: string;

  @Field({ nullable: true, description: 'Only deals worth at most this amount (decimal string, in the deal currency)' })
  @IsOptional()
  @Matches(DECIMAL, { message: `maxAmount ${DECIMAL_MESSAGE}` })
  maxAmount?: string;

  @Field({ nullable: true, description: 'Only deleted deals, to restore them; ADMIN and MANAGER only' })
  @IsOptional()
  @IsBoolean()
  deleted?: boolean;
}

/**
 * Narrows `qb` to the deals `principal` may read (live ones, or deleted ones with `deleted`), then
 * to `filter`. Every list, count and aggregate of deals starts here, so none can skip the access rule.
 */
export function applyOpportunityFilter(
  qb: SelectQueryBuilder<Opportunity>,
  filter: OpportunityFilter | undefined | null,
  principal: Principal,
): SelectQueryBuilder<Opportunity> {
  const o = qb.alias;
  applyDeletedFilter(readableBy(qb, OPPORTUNITY_RECORD, principal), principal, filter?.deleted);
  if (!filter) return qb;
  if (filter.pipelineId) qb.andWhere(`${o}.pipelineId = :pipelineId`, { pipelineId: filter.pipelineId });
  if (filter.stageId) qb.andWhere(`${o}.stageId = :stageId`, { stageId: filter.stageId });
  if (filter.ownerId) qb.andWhere(`${o}.ownerId = :ownerId`, { ownerId: filter.ownerId });
  if (filter.teamId) qb.andWhere(`${o}.teamId = :teamId`, { teamId: filter.teamId });
  if (filter.accountId) qb.andWhere(`${o}.accountId = :accountId`, { accountId: filter.accountId });
  if (filter.stageKind) {
    const stagesOfKind = qb.subQuery().select('kind_stage.id').from(Stage, 'kind_stage').where('kind_stage.kind = :stageKind').getQuery();
    qb.andWhere(`${o}.stageId IN ${stagesOfKind}`, { stageKind: filter.stageKind });
  }
  if (filter.currency) qb.andWhere(`${o}.currency = :currency`, { currency: filter.currency.toUpperCase() });
  if (filter.search) qb.andWhere(`lower(${o}.name) LIKE :search`, { search: containsPattern(filter.search) });
  if (filter.expectedCloseFrom) qb.andWhere(`${o}.expectedCloseDate >= :expectedCloseFrom`, { expectedCloseFrom: filter.expectedCloseFrom });
  if (filter.expectedCloseTo) qb.andWhere(`${o}.expectedCloseDate <= :expectedCloseTo`, { expectedCloseTo: filter.expectedCloseTo });
  if (filter.minAmount) qb.andWhere(`${o}.amountValue >= :minAmount`, { minAmount: filter.minAmount });
  if (filter.maxAmount) qb.andWhere(`${o}.amountValue <= :maxAmount`, { maxAmount: filter.maxAmount });
  return qb;
}
