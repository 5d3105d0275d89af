import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The accounts service owns accounts. This service adds `opportunities` and `openPipelineValue` to
 * them, so its stub is resolvable: the gateway sends `{ id }` here to fetch those fields.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A customer or prospect: an organisation (B2B) or a consumer household (B2C)' })
export class Account {
  @Field(() => ID, { description: 'Stable identifier of the account' })
  id!: string;
}
