import { OptionalIdField, SearchTextField } from '@crm/kernel/subgraph';
import { IsBoolean, IsOptional, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';

@InputType({ description: 'Narrows a list of contacts; all given conditions must hold' })
export class ContactFilter {
  @OptionalIdField('Only people at this account')
  accountId?: string;

  @Field({ nullable: true, description: 'Exact e-mail address, case-insensitive; FORBIDDEN for ANALYST, who may not see e-mail addresses' })
  @IsOptional()
  @MaxLength(320)
  email?: string;

  @SearchTextField('Case-insensitive text contained in the name, e-mail or job title (for ANALYST: in the name or job title)')
  search?: string;

  @Field({ nullable: true, description: 'Only deleted contacts, to restore them; ADMIN and MANAGER only' })
  @IsOptional()
  @IsBoolean()
  deleted?: boolean;
}
