import { sqlMigration } from '@crm/kernel/subgraph';

/**
 * Stages of an existing pipeline can be renamed and reordered (`updatePipelineStages`). Swapping two
 * names or positions passes through a state where both rows hold the same one, so the two unique
 * constraints become deferrable: checked immediately as before, unless a transaction defers them to
 * its commit.
 */
export class EditableStages1768600000000 extends sqlMigration({
  up: [
    `
      ALTER TABLE opportunities.stages
        DROP CONSTRAINT stages_pipeline_id_position_key,
        DROP CONSTRAINT stages_pipeline_id_name_key,
        ADD CONSTRAINT stages_pipeline_id_position_key UNIQUE (pipeline_id, position) DEFERRABLE INITIALLY IMMEDIATE,
        ADD CONSTRAINT stages_pipeline_id_name_key UNIQUE (pipeline_id, name) DEFERRABLE INITIALLY IMMEDIATE`,
  ],
  down: [
    `
      ALTER TABLE opportunities.stages
        DROP CONSTRAINT stages_pipeline_id_position_key,
        DROP CONSTRAINT stages_pipeline_id_name_key,
        ADD CONSTRAINT stages_pipeline_id_position_key UNIQUE (pipeline_id, position),
        ADD CONSTRAINT stages_pipeline_id_name_key UNIQUE (pipeline_id, name)`,
  ],
}) {}
