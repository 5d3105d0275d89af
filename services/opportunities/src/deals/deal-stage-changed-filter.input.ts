import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { StageKind } from '../pipelines/stage-kind.enum';

@InputType({ description: 'Narrows the live stage changes of `dealStageChanged`; all given conditions must hold' })
export class DealStageChangedFilter {
  @Field(() => ID, { nullable: true, description: 'Only changes of deals in this pipeline' })
  @IsOptional()
  @IsUUID()
  pipelineId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only changes of deals this user owned when the stage changed' })
  @IsOptional()
  @IsUUID()
  ownerId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only changes of deals that belonged to this team when the stage changed' })
  @IsOptional()
  @IsUUID()
  teamId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only changes of deals with this account' })
  @IsOptional()
  @IsUUID()
  accountId?: string | null;

  @Field(() => StageKind, { nullable: true, description: 'Only moves into a stage of this kind, e.g. WON for deals just won' })
  @IsOptional()
  @IsEnum(StageKind)
  toStageKind?: StageKind | null;
}
