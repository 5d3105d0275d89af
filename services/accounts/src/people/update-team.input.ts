import { Length } from 'class-validator';
import { Field, InputType } from 'type-graphql';

@InputType({ description: 'Changes to a team' })
export class UpdateTeamInput {
  @Field({ description: 'New team name, unique, 1–100 characters' })
  @Length(1, 100)
  name!: string;
}
