import { PageArgs } from '@crm/kernel/subgraph';
import { IsUUID } from 'class-validator';
import { ArgsType, Field, ID } from 'type-graphql';

@ArgsType()
export class DueRemindersArgs extends PageArgs {
  @Field(() => ID, { description: 'The person whose open tasks and trainings to list (a user of the accounts subgraph)' })
  @IsUUID()
  ownerId!: string;

  @Field(() => Date, { description: 'Only work due before this time (exclusive), e.g. the end of next week; overdue work is included' })
  before!: Date;
}
