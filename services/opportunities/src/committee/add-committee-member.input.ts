import { CommitteeRole, CommitteeStance } from '@crm/domain';
import { IsBoolean, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';

@InputType({ description: 'A person to add to a deal\'s buying committee' })
export class AddCommitteeMemberInput {
  @Field(() => ID, { description: 'The deal whose committee the person joins' })
  @IsUUID()
  opportunityId!: string;

  @Field(() => ID, { description: 'The contact (accounts subgraph); must work for the deal\'s account or another account of its group, and sit on the committee only once' })
  @IsUUID()
  contactId!: string;

  @Field(() => CommitteeRole, { description: 'The part the person plays in the decision' })
  role!: CommitteeRole;

  @Field(() => CommitteeStance, { defaultValue: CommitteeStance.UNKNOWN, description: 'Where the person stands towards us. Default UNKNOWN' })
  stance: CommitteeStance = CommitteeStance.UNKNOWN;

  @Field(() => Int, { nullable: true, description: 'How much weight the person\'s opinion carries, 1 to 5; omit when not assessed' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  influence?: number | null;

  @Field({ defaultValue: false, description: 'Make the person the deal\'s primary contact; the previous primary member, if any, stops being primary. Default false' })
  @IsBoolean()
  isPrimary: boolean = false;
}
