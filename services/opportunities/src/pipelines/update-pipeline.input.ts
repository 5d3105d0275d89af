import { IsOptional, Length } from 'class-validator';
import { Field, InputType } from 'type-graphql';

@InputType({ description: 'Changes to a pipeline; omitted fields stay as they are' })
export class UpdatePipelineInput {
  @Field({ nullable: true, description: 'New pipeline name, unique, 1–100 characters' })
  @IsOptional()
  @Length(1, 100)
  name?: string;

  @Field({
    nullable: true,
    description: 'true makes this the default pipeline (the previous default stops being one); to change the default, mark another pipeline instead of sending false',
  })
  isDefault?: boolean;
}
