import { ArrayMaxSize, ValidateNested } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { MAX_STAGES } from './create-pipeline.input';
import { PipelineStageInput } from './pipeline-stage.input';

@InputType({ description: 'The whole new stage list of a pipeline' })
export class UpdatePipelineStagesInput {
  @Field(() => [PipelineStageInput], {
    description:
      `Every stage in its new order, at most ${MAX_STAGES}: at least one OPEN, one WON and one LOST; names unique within the pipeline. ` +
      'A stage left out is removed, which only a stage that was never used (no deal, no stage change) can be',
  })
  @ArrayMaxSize(MAX_STAGES)
  @ValidateNested({ each: true })
  stages!: PipelineStageInput[];
}
