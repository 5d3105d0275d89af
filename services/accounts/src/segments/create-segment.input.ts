import { IdempotencyKeyField } from '@crm/kernel/subgraph';
import { IsOptional, Length } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { SegmentRulesInput } from './segment-rules.input';

@InputType({ description: 'A new segment' })
export class CreateSegmentInput {
  @Field({ description: 'Name, 1–200 characters, unique among live segments (case-insensitively)' })
  @Length(1, 200)
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the segment is for, at most 2000 characters' })
  @IsOptional()
  @Length(0, 2000)
  description?: string | null;

  @Field(() => SegmentRulesInput, { description: 'Which accounts belong to it; try them first with `segmentPreview`' })
  rules!: SegmentRulesInput;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}
