import { UserRole } from '@crm/kernel';
import { OptionalIdField, SearchTextField } from '@crm/kernel/subgraph';
import { Field, InputType } from 'type-graphql';

@InputType({ description: 'Narrows a list of users; all given conditions must hold' })
export class UserFilter {
  @Field(() => UserRole, { nullable: true, description: 'Only users with this role' })
  role?: UserRole;

  @OptionalIdField('Only members of this team')
  teamId?: string;

  @Field({ nullable: true, description: 'true: only current staff; false: only people who left' })
  active?: boolean;

  @SearchTextField('Case-insensitive text contained in the name or e-mail')
  search?: string;
}
