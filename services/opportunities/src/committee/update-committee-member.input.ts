import { CommitteeRole, CommitteeStance } from '@crm/domain';
import { ExpectedVersionField } from '@crm/kernel/subgraph';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';

@InputType({ description: 'Changes to a buying-committee membership; omitted fields stay as they are. To seat another person, remove this member and add them' })
export class UpdateCommitteeMemberInput {
  @Field(() => CommitteeRole, { nullable: true, description: 'New role in the decision' })
  role?: CommitteeRole;

  @Field(() => CommitteeStance, { nullable: true, description: 'New stance towards us' })
  stance?: CommitteeStance;

  @Field(() => Int, { nullable: true, description: 'New influence, 1 to 5; null clears it' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  influence?: number | null;

  @Field({ nullable: true, description: 'true makes the person the deal\'s primary contact (the previous one stops being primary); false makes them an ordinary member' })
  @IsOptional()
  @IsBoolean()
  isPrimary?: boolean;

  @ExpectedVersionField('The membership version you read; the change is refused with CONFLICT if it changed since')
  expectedVersion?: number;
}
