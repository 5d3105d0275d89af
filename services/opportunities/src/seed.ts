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
    await insert(Pipeline, book.pipelines);
    await insert(Stage, book.stages);
    await insert(
      Opportunity,
      book.opportunities.map(({ amount, ...opportunity }) => ({ ...opportunity, amountValue: amount })),
    );
    await insert(StageChange, book.stageChanges);
  },
};
