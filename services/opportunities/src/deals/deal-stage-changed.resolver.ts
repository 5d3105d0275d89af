import { NotFoundError } from '@crm/kernel';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { Opportunity } from './opportunity.entity';
import { Stage } from '../pipelines/stage.entity';
import { DealStageChange } from './deal-stage-changed.event';
import { User } from '../stubs/user.stub';
import { DealStageChangedFilter } from './deal-stage-changed-filter.input';
import { dealStageChangedLog } from './deal-stage-changed.log';

@Resolver(() => DealStageChange)
export class DealStageChangedResolver extends dealStageChangedLog.resolver({
  payload: DealStageChange,
  filter: DealStageChangedFilter,
  descriptions: {
    cursor:
      'The cursor of the newest stage change (of anyone\'s): subscribe to `dealStageChanged` with it as `after` to receive every change from this moment on, ' +
      'even one made before the subscription starts or while it reconnects. Fetch it with the data the changes will update',
    subscription: 'Every stage change of the deals you may read, live; with `after`, first every change after that cursor, in order, then live ones',
    after: 'The `cursor` of the last change you received: first every change after it, in order, then live ones. Default: live ones only',
    filter: 'Only changes matching all these conditions; default every change you may read',
  },
}) {
  @FieldResolver(() => Opportunity, {
    nullable: true,
    description:
      'The deal that changed stage, as it is now (by now it may have moved on again); null when you may no longer read it ' +
      '(deleted, or reassigned away from you since the change)',
  })
  opportunity(@Root() change: DealStageChange, @Ctx() ctx: Context): Promise<Opportunity | null> {
    return ctx.loaders.opportunityById.load(change.opportunityId);
  }

  @FieldResolver(() => Stage, { nullable: true, description: 'The stage the deal left; null when the deal was created' })
  fromStage(@Root() change: DealStageChange, @Ctx() ctx: Context) {
    return change.fromStageId ? ctx.loaders.stageById.load(change.fromStageId) : null;
  }

  @FieldResolver(() => Stage, { description: 'The stage the deal entered' })
  async toStage(@Root() change: DealStageChange, @Ctx() ctx: Context): Promise<Stage> {
    const stage = await ctx.loaders.stageById.load(change.toStageId);
    if (!stage) throw new NotFoundError('Stage', change.toStageId);
    return stage;
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who moved the deal (a user of the CRM)' })
  changedBy(@Root() change: DealStageChange): User | null {
    return change.changedById ? { id: change.changedById } : null;
  }

  @FieldResolver(() => Date, { description: 'When the deal entered the new stage (UTC)' })
  changedAt(@Root() change: DealStageChange): Date {
    return change.changedAt;
  }
}
