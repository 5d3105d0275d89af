import { Max, Min } from 'class-validator';
import { ArgsType, Field, Int } from 'type-graphql';

/** Largest page a client may ask for; larger `first` values are refused with BAD_USER_INPUT. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    defaultValue: DEFAULT_PAGE_SIZE,
    description: `How many items to return, 0 to ${MAX_PAGE_SIZE}. Default ${DEFAULT_PAGE_SIZE}.`,
  })
  @Min(0)
  @Max(MAX_PAGE_SIZE)
  first: number = DEFAULT_PAGE_SIZE;

  @Field(() => String, { nullable: true, description: 'Return items after this cursor (a previous page\'s `endCursor`)' })
  after?: string | null;
}

export interface PageRequest {
  first: number;
  after?: string | null;
}
