import { IsOptional, IsUUID } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { CreateStageInput } from './create-stage.input';

@InputType({ description: 'One stage of a pipeline being edited: an existing stage (with its id) or a new one (without); its place in the list is its position' })
export class PipelineStageInput extends CreateStageInput {
  @Field(() => ID, {
    nullable: true,
    description: 'Id of an existing stage of this pipeline, kept (its deals and history stay with it) with this name, probability and place; leave out for a new stage',
  })
  @IsOptional()
  @IsUUID()
  id?: string | null;
}
