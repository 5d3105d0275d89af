import { Directive, Field, ObjectType } from 'type-graphql';

@Directive('@shareable')
@ObjectType({ description: 'Where a page of a list starts and ends, and whether there is more' })
export class PageInfo {
  @Field({ description: 'True when more items follow this page; fetch them with `after: endCursor`' })
  hasNextPage!: boolean;

  @Field({ description: 'True when this page was fetched with an `after` cursor' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item on this page' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item on this page; pass it as `after`' })
  endCursor!: string | null;
}
