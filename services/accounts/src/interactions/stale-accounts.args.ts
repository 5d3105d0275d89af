import { PageArgs } from '@crm/kernel/subgraph';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ArgsType, Field, Int } from 'type-graphql';
import { Tier } from '../accounts/tier.enum';

@ArgsType()
export class StaleAccountsArgs extends PageArgs {
  @Field(() => Tier, { nullable: true, description: 'Only customers of this tier; default every tier' })
  tier?: Tier | null;

  @Field(() => Int, {
    nullable: true,
    description: "Stale after more than this many whole days (0 to 3650), for every tier; default each tier's threshold (`staleThresholds`)",
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3650)
  minDays?: number | null;
}
