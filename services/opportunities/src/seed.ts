import 'reflect-metadata';
import { demoSeed, sharedWithOwnersTeam, type Book } from '@crm/demo-data';
import { seedAuditTrail, type SeedDefinition } from '@crm/kernel/subgraph';
import { opportunitiesDataSource } from './data-source';
import { CommitteeMember } from './committee/committee-member.entity';
import { ExchangeRate } from './exchange-rates/exchange-rate.entity';
import { LostReason } from './pipelines/lost-reason.entity';
import { Opportunity } from './deals/opportunity.entity';
import { OPPORTUNITY_RECORD } from './deals/opportunity.record';
import { Pipeline } from './pipelines/pipeline.entity';
import { StageChange } from './deals/stage-change.entity';
import { Stage } from './pipelines/stage.entity';
import { backfillOpenPipelineEvents } from './deals/open-pipeline-changed.log';

/** This service's slice of the demo book: pipelines, their stages, lost reasons, exchange rates, opportunities and their stage history. */
export const opportunitiesSeed: SeedDefinition<Book> = demoSeed({
  name: 'opportunities',
  dataSource: opportunitiesDataSource,
  seededWhen: Pipeline,
  async load(manager, book, insert) {
    const opportunities = sharedWithOwnersTeam(book, book.opportunities).map(({ amount, ...opportunity }) => ({ ...opportunity, amountValue: amount }));
    const dealById = new Map(opportunities.map((deal) => [deal.id, deal]));
    const kindOfStage = new Map(book.stages.map((stage) => [stage.id, stage.kind]));
    await insert(Pipeline, book.pipelines);
    await insert(Stage, book.stages);
    await insert(LostReason, book.lostReasons.map((reason) => ({ ...reason, updatedAt: reason.createdAt })));
    await insert(ExchangeRate, book.exchangeRates);
    await insert(Opportunity, opportunities);
    // The open-pipeline log starts with each account's open deals, as the migration's backfill would have written it.
    await backfillOpenPipelineEvents(manager);
    // Snapshot columns of the event log: the deal as the book has it. `seq` comes from the sequence,
    // in insert order; the history is inserted oldest first so seq follows changedAt.
    const changes = [...book.stageChanges].sort((a, b) => a.changedAt.getTime() - b.changedAt.getTime() || (a.id < b.id ? -1 : 1));
    await insert(
      StageChange,
      changes.map((change) => {
        const deal = dealById.get(change.opportunityId)!;
        return {
          ...change,
          pipelineId: deal.pipelineId,
          accountId: deal.accountId,
          ownerId: deal.ownerId,
          teamId: deal.teamId,
          toStageKind: kindOfStage.get(change.toStageId)!,
          // The book's histories never reopen a deal; a move into LOST carries the deal's reason.
          ...(kindOfStage.get(change.toStageId) === 'LOST' ? { lostReasonId: deal.lostReasonId, lostReasonNote: deal.lostReasonNote } : {}),
        };
      }),
    );
    // Buying committees of the book's deals: contacts of the deal's account or its parent.
    await insert(CommitteeMember, book.committeeMembers);
    // Who created each deal, and an UPDATE for each move by whoever made it.
    await seedAuditTrail(manager, OPPORTUNITY_RECORD, { actor: 'record.owner_id' });
    await manager.query(
      `INSERT INTO opportunities.audit_log (entity_type, entity_id, action, changed_by_id, changed_at, changes)
       SELECT 'Opportunity', opportunity_id, 'UPDATE', changed_by_id, changed_at, '[]'::jsonb FROM opportunities.stage_changes WHERE from_stage_id IS NOT NULL`,
    );
  },
});
