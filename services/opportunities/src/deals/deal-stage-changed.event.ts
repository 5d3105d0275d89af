import { Field, ObjectType } from 'type-graphql';

/** A stage change as read from the log (a stage_changes row), before it gets its cursor. */
export interface DealStageEvent {
  id: string;
  opportunityId: string;
  fromStageId: string | null;
  toStageId: string;
  changedById: string;
  changedAt: Date;
}

/**
 * What `dealStageChanged` delivers. Not the StageChange entity, though it reads the same row: the event adds
 * a resume cursor and the deal itself, and it is a separate type of the public contract.
 */
@ObjectType({ description: 'A deal moved to another stage (or was created in its first one), as delivered live by `dealStageChanged`' })
export class DealStageChange implements DealStageEvent {
  @Field({
    description: 'Position of this change in the stream: opaque, increasing. Pass it as `after` when you subscribe again to get every change after this one, in order, and none twice',
  })
  cursor!: string;

  // changedAt is a field resolver only to come last in the SDL, as in the contract.
  changedAt!: Date;
  id!: string;
  opportunityId!: string;
  fromStageId!: string | null;
  toStageId!: string;
  changedById!: string;
}
