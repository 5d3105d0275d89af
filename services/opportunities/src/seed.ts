import 'reflect-metadata';
import { generateBook, type Book } from '@crm/demo-data';
import type { SeedDefinition } from '@crm/kernel';
import { opportunitiesDataSource } from './data-source';
import { Opportunity } from './entities/opportunity.entity';
import { Pipeline } from './entities/pipeline.entity';
import { StageChange } from './entities/stage-change.entity';
import { Stage } from './entities/stage.entity';

/** This service's slice of the demo book: pipelines, their stages, opportunities and their stage history. */
export const opportunitiesSeed: SeedDefinition<Book> = {
  name: 'opportunities',
  dataSource: opportunitiesDataSource,
  generate: generateBook,
  isSeeded: (db) => db.getRepository(Pipeline).exists(),
  async load(_manager, book, insert) {
    // The book knows each owner's team; this service only keeps the team id, as it does for its own deals.
    const teamOfUser = new Map(book.users.map((user) => [user.id, user.teamId]));
    const opportunities = book.opportunities.map(({ amount, ...opportunity }) => ({
      ...opportunity,
      amountValue: amount,
      teamId: teamOfUser.get(opportunity.ownerId) ?? null,
    }));
    const dealById = new Map(opportunities.map((deal) => [deal.id, deal]));
    const kindOfStage = new Map(book.stages.map((stage) => [stage.id, stage.kind]));
    await insert(Pipeline, book.pipelines);
    await insert(Stage, book.stages);
    await insert(Opportunity, opportunities);
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
        };
      }),
    );
  },
};
