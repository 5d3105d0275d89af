import { IsOptional, IsUUID } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'Narrows the interaction events of `interactionLogged`; all given conditions must hold' })
export class InteractionLoggedFilter {
  @Field(() => ID, { nullable: true, description: 'Only events of this account' })
  @IsOptional()
  @IsUUID()
  accountId?: string | null;
}
