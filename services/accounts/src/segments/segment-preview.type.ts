import { Field, Int, ObjectType } from 'type-graphql';
import { Account } from '../accounts/account.entity';

@ObjectType({ description: 'What a rule set would select, before it is saved as a segment' })
export class SegmentPreview {
  @Field(() => Int, { description: 'How many accounts match, counted in SQL; equals `memberCount` of a segment saved with the same rules' })
  memberCount!: number | Promise<number>;

  @Field(() => [Account], { description: 'The first matching accounts, by name then id (the order of `Segment.members`)' })
  members!: Account[] | Promise<Account[]>;
}
