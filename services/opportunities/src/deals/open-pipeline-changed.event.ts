import { Money } from '@crm/kernel/subgraph';
import { Field, ObjectType } from 'type-graphql';
import { Team } from '../stubs/team.stub';
import { User } from '../stubs/user.stub';
import { OpenPipelineChangeKind } from './open-pipeline-change-kind.enum';

/** One element of `open_pipeline_events.shares`: the open deals of one owner and team in one currency. */
export interface OpenPipelineShareRow {
  ownerId: string;
  teamId: string | null;
  currency: string;
  /** Decimal string, e.g. "125000.00". */
  amount: string;
}

/** An open-pipeline event as read from the log (an open_pipeline_events row), before it gets its cursor. */
export interface OpenPipelineEventRow {
  id: string;
  accountId: string;
  opportunityId: string | null;
  change: OpenPipelineChangeKind;
  /** Totals per currency, ordered by currency. */
  openPipeline: Money[];
  shares: OpenPipelineShareRow[];
  recordedAt: Date;
}

@ObjectType({ description: "Part of an account's open pipeline: the open deals of one owner (and team) in one currency" })
export class OpenPipelineShare {
  @Field(() => User, { description: 'Who owns these deals' })
  owner!: User;

  @Field(() => Team, { nullable: true, description: 'The team the deals are shared with; null for deals of no team' })
  team!: Team | null;

  @Field(() => Money, { description: 'Sum of the amounts of these deals' })
  amount!: Money;
}

/**
 * What `openPipelineChanged` delivers. Not an entity: it reads an open_pipeline_events
 * row, adds its resume cursor, and carries the account's whole open pipeline
 * after the change, so a consumer that applies events in order is always right.
 */
@ObjectType({
  description:
    "An account's open pipeline (the amounts of its live deals in OPEN stages) changed: a deal was created, changed, moved, deleted or restored. " +
    'Carries the open pipeline after the change, per currency and per owner; delivered live by `openPipelineChanged`',
})
export class OpenPipelineChange {
  @Field({ description: 'Position of this event in the stream: opaque, increasing. Pass it as `after` to resume right after it' })
  cursor!: string;

  @Field(() => OpenPipelineChangeKind, { description: 'What happened' })
  change!: OpenPipelineChangeKind;

  @Field(() => [Money], { description: "The account's open pipeline after the change, one entry per currency (never added together), by currency code; empty when it has no open deal" })
  openPipeline!: Money[];

  @Field(() => [OpenPipelineShare], { description: 'The same open pipeline per owner, team and currency, ordered by currency, owner and team' })
  shares!: OpenPipelineShare[];

  @Field({ description: 'When the change was recorded (UTC)' })
  recordedAt!: Date;

  id!: string;
  accountId!: string;
  opportunityId!: string | null;
}
