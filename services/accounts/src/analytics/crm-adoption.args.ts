import { IsOptional, IsUUID } from 'class-validator';
import { ArgsType, Field, ID } from 'type-graphql';

/** Longest `crmAdoption` window: longer ones are mistakes, and scan the audit logs for nothing. */
export const MAX_ADOPTION_WINDOW_YEARS = 2;

@ArgsType()
export class CrmAdoptionArgs {
  @Field({ description: 'Count what people did at or after this instant' })
  from!: Date;

  @Field({ description: `Count what people did before this instant; after \`from\`, at most ${MAX_ADOPTION_WINDOW_YEARS} years after it` })
  to!: Date;

  @Field(() => ID, {
    nullable: true,
    description: 'Only the sales people of this team; default every team. A REP may give only their own team (anything else is FORBIDDEN) and sees only their own row either way',
  })
  @IsOptional()
  @IsUUID()
  teamId?: string | null;
}
