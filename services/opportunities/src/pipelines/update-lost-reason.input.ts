import { IsBoolean, IsOptional, Length, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';

@InputType({ description: 'Changes to a lost reason; omitted fields stay as they are. Reasons are never deleted, only deactivated' })
export class UpdateLostReasonInput {
  @Field({ nullable: true, description: 'New name, 1–100 characters, unique ignoring case among the active reasons; deals lost with it show the new name' })
  @IsOptional()
  @Length(1, 100)
  name?: string;

  @Field(() => String, { nullable: true, description: 'New description, at most 500 characters; null removes it' })
  @IsOptional()
  @MaxLength(500)
  description?: string | null;

  @Field({
    nullable: true,
    description: 'false deactivates the reason: it is no longer accepted for new losses, deals already lost with it keep it; true offers it again',
  })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
