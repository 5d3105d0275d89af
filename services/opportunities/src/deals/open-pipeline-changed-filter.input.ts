import { IsOptional, IsUUID } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'Narrows the events of `openPipelineChanged`; all given conditions must hold' })
export class OpenPipelineChangedFilter {
  @Field(() => ID, { nullable: true, description: 'Only events of this account' })
  @IsOptional()
  @IsUUID()
  accountId?: string | null;
}
