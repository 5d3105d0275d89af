import { Field, ObjectType } from 'type-graphql';
import { InteractionChange } from './interaction-change.enum';

/** An interaction event as read from the log (an interaction_events row), before it gets its cursor. */
export interface InteractionEventRow {
  id: string;
  accountId: string;
  activityId: string | null;
  change: InteractionChange;
  lastInteractionAt: Date | null;
  nextInteractionAt: Date | null;
  recordedAt: Date;
}

/**
 * What `interactionLogged` delivers. Not an entity: the outbox writer inserts
 * interaction_events rows in SQL, and this GraphQL object is one such row plus its resume cursor, so
 * the payload type and the table stay apart. It carries the account's state after the change.
 */
@ObjectType({
  description:
    "An account's interactions (calls, meetings, e-mails, feedback) changed: one was logged, changed, deleted or restored. " +
    'Carries when the account was last and will next be contacted after the change; delivered live by `interactionLogged`',
})
export class InteractionEvent implements InteractionEventRow {
  @Field({ description: 'Position of this event in the stream: opaque, increasing. Pass it as `after` to resume right after it' })
  cursor!: string;

  @Field(() => InteractionChange, { description: 'What happened' })
  change!: InteractionChange;

  @Field(() => Date, {
    nullable: true,
    description: "The account's latest interaction that had happened when this was recorded (deleted ones never count); null when there is none",
  })
  lastInteractionAt!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: "The account's earliest interaction dated after the time of recording (e.g. a planned meeting); null when there is none",
  })
  nextInteractionAt!: Date | null;

  @Field({ description: 'When the change was recorded (UTC)' })
  recordedAt!: Date;

  id!: string;
  accountId!: string;
  activityId!: string | null;
}
