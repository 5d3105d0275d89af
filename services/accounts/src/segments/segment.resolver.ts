import { PageArgs } from '@crm/kernel/subgraph';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { Segment } from './segment.entity';
import { User } from '../people/user.entity';
import * as queries from './segment.queries';
import { AccountConnection } from '../accounts/account-connection.type';
import * as commands from './segment.commands';
import { CreateSegmentInput } from './create-segment.input';
import { SegmentConnection } from './segment-connection.type';
import { SegmentPreviewArgs } from './segment-preview.args';
import { SegmentPreview } from './segment-preview.type';
import { UpdateSegmentInput } from './update-segment.input';

@Resolver(() => Segment)
export class SegmentResolver {
  @Query(() => Segment, { nullable: true, description: 'One segment by id; null when it does not exist or was deleted' })
  segment(@Arg('id', () => ID, { description: 'Id of the segment' }) id: string, @Ctx() ctx: Context): Promise<Segment | null> {
    return ctx.loaders.segmentById.load(id);
  }

  @Query(() => SegmentConnection, { description: 'Saved segments, by name; every role reads them' })
  segments(@Args() page: PageArgs, @Ctx() ctx: Context) {
    return queries.listSegments(ctx.db, ctx.principal, page);
  }

  @Query(() => SegmentPreview, {
    description:
      'What `rules` would select, without saving anything: how many accounts match and the first of them. Invalid rules are refused with ' +
      'BAD_USER_INPUT naming each bad path (e.g. `rules.all.2.operator`) and what is allowed there',
  })
  segmentPreview(@Args() { rules, first }: SegmentPreviewArgs, @Ctx() ctx: Context): SegmentPreview {
    return queries.segmentPreview(ctx.db, ctx.principal, rules, first);
  }

  @FieldResolver(() => Int, {
    description:
      'How many live accounts match the rules now, counted in SQL for all segments of a request in one query (open pipeline counts only the deals you may read). ' +
      'Saved rules that no longer validate fail with BAD_USER_INPUT naming them',
  })
  memberCount(@Root() segment: Segment, @Ctx() ctx: Context): Promise<number> {
    return ctx.loaders.segmentMemberCount.load(segment);
  }

  @FieldResolver(() => AccountConnection, { description: 'The accounts matching the rules now, by name then id, paginated; the CSV export (README) has them all' })
  members(@Root() segment: Segment, @Args() page: PageArgs, @Ctx() ctx: Context) {
    return queries.segmentMembers(ctx.db, ctx.principal, segment, page);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who created the segment (they may change it); null when that was no user of the CRM' })
  createdBy(@Root() segment: Segment, @Ctx() ctx: Context) {
    return ctx.loaders.userById.load(segment.createdById);
  }

  @Mutation(() => Segment, {
    description:
      'Saves a segment; ADMIN, MANAGER or REP (ANALYSTs write nothing); the creator may later change and delete it. Invalid rules are refused with BAD_USER_INPUT ' +
      'naming each bad path (e.g. `input.rules.all.2.operator`). A retry with the same `idempotencyKey` and input returns the first result',
  })
  createSegment(@Arg('input', () => CreateSegmentInput, { description: 'The new segment' }) input: CreateSegmentInput, @Ctx() ctx: Context): Promise<Segment> {
    return commands.createSegment(ctx, input);
  }

  @Mutation(() => Segment, {
    description:
      'Changes a segment: its creator, a MANAGER or an ADMIN. New rules replace the old ones and are validated like createSegment\'s. ' +
      'Pass `expectedVersion` to refuse overwriting a newer change',
  })
  updateSegment(
    @Arg('id', () => ID, { description: 'Id of the segment to change' }) id: string,
    @Arg('input', () => UpdateSegmentInput, { description: 'The changes' }) input: UpdateSegmentInput,
    @Arg('expectedVersion', () => Int, { nullable: true, description: 'The version you read' }) expectedVersion: number | null,
    @Ctx() ctx: Context,
  ): Promise<Segment> {
    return commands.updateSegment(ctx, id, input, expectedVersion);
  }

  @Mutation(() => Segment, {
    description: 'Deletes a segment (it can be restored with restoreSegment): its creator, a MANAGER or an ADMIN. Pass `expectedVersion` to refuse deleting a newer version',
  })
  deleteSegment(
    @Arg('id', () => ID, { description: 'Id of the segment to delete' }) id: string,
    @Arg('expectedVersion', () => Int, { nullable: true, description: 'The version you read' }) expectedVersion: number | null,
    @Ctx() ctx: Context,
  ): Promise<Segment> {
    return commands.deleteSegment(ctx, id, expectedVersion);
  }

  @Mutation(() => Segment, { description: 'Brings a deleted segment back; ADMIN or MANAGER. Refused when a live segment has taken its name meanwhile' })
  restoreSegment(@Arg('id', () => ID, { description: 'Id of the deleted segment' }) id: string, @Ctx() ctx: Context): Promise<Segment> {
    return commands.restoreSegment(ctx, id);
  }
}
