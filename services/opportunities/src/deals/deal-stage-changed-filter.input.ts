import { OptionalIdField } from '@crm/kernel/subgraph';
import { IsEnum, IsOptional } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { StageKind } from '../pipelines/stage-kind.enum';

@InputType({ description: 'Narrows the live stage changes of `dealStageChanged`; all given conditions must hold' })
export class DealStageChangedFilter {
  @OptionalIdField('Only changes of deals in this pipeline')
  pipelineId?: string | null;

  @OptionalIdField('Only changes of deals this user owned when the stage changed')
  ownerId?: string | null;

  @OptionalIdField('Only changes of deals that belonged to this team when the stage changed')
  teamId?: string | null;

  @OptionalIdField('Only changes of deals with this account')
  accountId?: string | null;

  @Field(() => StageKind, { nullable: true, description: 'Only moves into a stage of this kind, e.g. WON for deals just won' })
  @IsOptional()
  @IsEnum(StageKind)
  toStageKind?: StageKind | null;
}
