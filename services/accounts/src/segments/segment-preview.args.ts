import { MAX_PAGE_SIZE } from '@crm/kernel/subgraph';
import { Max, Min } from 'class-validator';
import { ArgsType, Field, Int } from 'type-graphql';
import { SegmentRulesInput } from './segment-rules.input';

@ArgsType()
export class SegmentPreviewArgs {
  @Field(() => SegmentRulesInput, { description: 'The rules to try; nothing is saved' })
  rules!: SegmentRulesInput;

  @Field(() => Int, { defaultValue: 20, description: `How many of the first members to return, 0 to ${MAX_PAGE_SIZE}. Default 20.` })
  @Min(0)
  @Max(MAX_PAGE_SIZE)
  first: number = 20;
}
