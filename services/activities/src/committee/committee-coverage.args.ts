import { IsInt, Max, Min } from 'class-validator';
import { ArgsType, Field, Int } from 'type-graphql';

/** Longest window `committeeCoverage` looks back over. */
export const MAX_COVERAGE_DAYS = 365;

@ArgsType()
export class CommitteeCoverageArgs {
  @Field(() => Int, { defaultValue: 30, description: `How many days back an activity counts as engagement, 1 to ${MAX_COVERAGE_DAYS}. Default 30` })
  @IsInt()
  @Min(1)
  @Max(MAX_COVERAGE_DAYS)
  days: number = 30;
}
