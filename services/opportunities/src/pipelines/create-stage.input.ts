import { IsInt, Length, Max, Min } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { StageKind } from './stage-kind.enum';

@InputType({ description: 'One stage of a new pipeline; its place in the list is its position' })
export class CreateStageInput {
  @Field({ description: 'Stage name, unique within the pipeline, 1–100 characters' })
  @Length(1, 100)
  name!: string;

  @Field(() => StageKind, { description: 'Whether deals in this stage are open, won or lost' })
  kind!: StageKind;

  @Field(() => Int, { description: 'Chance in percent (0–100) that a deal in this stage is won; WON stages need 100, LOST stages 0' })
  @IsInt()
  @Min(0)
  @Max(100)
  probability!: number;
}
