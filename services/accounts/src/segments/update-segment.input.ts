import { IsOptional, Length } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { SegmentRulesInput } from './segment-rules.input';

@InputType({ description: 'Changes to a segment; omitted fields stay as they are' })
export class UpdateSegmentInput {
  @Field({ nullable: true, description: 'New name, 1–200 characters, unique among live segments (case-insensitively)' })
  @IsOptional()
  @Length(1, 200)
  name?: string;

  @Field(() => String, { nullable: true, description: 'New description; null clears it' })
  @IsOptional()
  @Length(0, 2000)
  description?: string | null;

  @Field(() => SegmentRulesInput, { nullable: true, description: 'New rules, replacing the old ones entirely' })
  rules?: SegmentRulesInput;
}
