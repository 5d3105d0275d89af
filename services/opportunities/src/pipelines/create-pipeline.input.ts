import { IdempotencyKeyField } from '@crm/kernel/subgraph';
import { ArrayMaxSize, Length, ValidateNested } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { CreateStageInput } from './create-stage.input';

/** Pipelines are short by nature; a longer list is a mistake, not a process. */
export const MAX_STAGES = 30;

@InputType({ description: 'A new pipeline with its stages' })
export class CreatePipelineInput {
  @Field({ description: 'Pipeline name, unique, 1–100 characters' })
  @Length(1, 100)
  name!: string;

  @Field({
    defaultValue: false,
    description: 'Make this the default pipeline for new deals (the previous default stops being one). The first pipeline always becomes the default',
  })
  isDefault: boolean = false;

  @Field(() => [CreateStageInput], {
    description: `The stages in order, at most ${MAX_STAGES}: at least one OPEN, one WON and one LOST; names unique within the pipeline`,
  })
  @ArrayMaxSize(MAX_STAGES)
  @ValidateNested({ each: true })
  stages!: CreateStageInput[];

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}
