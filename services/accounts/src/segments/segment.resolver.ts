import { BadUserInputError, NotFoundError, requireRole } from '@crm/kernel';
import {
  auditCreated,
  deleteRecord,
  idempotentCall,
  isUniqueViolation,
  PageArgs,
  paginate,
  readableBy,
  rejectNulls,
  WRITING_ROLES,
  restoreRecord,
  runIdempotentCreate,
  SortDirection,
  updateRecord,
} from '@crm/kernel/subgraph';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { SCHEMA } from '../data-source';
import { Segment } from './segment.entity';
import { SEGMENT_RECORD } from './segment.record';
import { User } from '../people/user.entity';
import { segmentMembersQuery, storedSegmentRules } from './segment-members';
import { validateSegmentRules } from './validate-segment-rules';
import { AccountConnection } from '../accounts/account-connection.type';
import { accountSortOrder } from '../accounts/account-order.input';
import { CreateSegmentInput } from './create-segment.input';
import { SegmentConnection } from './segment-connection.type';
import { SegmentPreviewArgs } from './segment-preview.args';
import { SegmentPreview } from './segment-preview.type';
import { UpdateSegmentInput } from './update-segment.input';

function nameTaken(name: string): BadUserInputError {
  return BadUserInputError.field('input.name', `a segment named "${name}" already exists (names are unique among live segments, ignoring case)`);
}

/** Runs a write that may give a segment a name a live one already has; answers that with `taken()` (BAD_USER_INPUT). */
async function uniqueName<T>(taken: () => BadUserInputError, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw taken();
    throw error;
  }
}

@Resolver(() => Segment)
export class SegmentResolver {
  @Query(() => Segment, { nullable: true, description: 'One segment by id; null when it does not exist or was deleted' })
  segment(@Arg('id', () => ID, { description: 'Id of the segment' }) id: string, @Ctx() ctx: Context): Promise<Segment | null> {
    return ctx.loaders.segmentById.load(id);
  }

  @Query(() => SegmentConnection, { description: 'Saved segments, by name; every role reads them' })
  segments(@Args() page: PageArgs, @Ctx() ctx: Context) {
    const qb = readableBy(ctx.db.getRepository(Segment).createQueryBuilder('segment'), SEGMENT_RECORD, ctx.principal);
    return paginate(qb, { property: 'name', direction: SortDirection.ASC }, page);
  }

  @Query(() => SegmentPreview, {
    description:
      'What `rules` would select, without saving anything: how many accounts match and the first of them. Invalid rules are refused with ' +
      'BAD_USER_INPUT naming each bad path (e.g. `rules.all.2.operator`) and what is allowed there',
  })
  segmentPreview(@Args() { rules, first }: SegmentPreviewArgs, @Ctx() ctx: Context): SegmentPreview {
    const members = segmentMembersQuery(ctx.db, validateSegmentRules(rules, 'rules'), ctx.principal);
    const order = accountSortOrder();
    return {
      get memberCount() {
        return members.clone().getCount();
      },
      get members() {
        return first === 0 ? Promise.resolve([]) : members.clone().orderBy(`account.${order.property}`, order.direction).addOrderBy('account.id', order.direction).limit(first).getMany();
      },
    };
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
    return paginate(segmentMembersQuery(ctx.db, storedSegmentRules(segment), ctx.principal), accountSortOrder(), page);
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
  async createSegment(@Arg('input', () => CreateSegmentInput, { description: 'The new segment' }) input: CreateSegmentInput, @Ctx() ctx: Context): Promise<Segment> {
    requireRole(ctx.principal, WRITING_ROLES, 'create segments');
    const rules = validateSegmentRules(input.rules, 'input.rules');
    const { id } = await uniqueName(() => nameTaken(input.name), () =>
      runIdempotentCreate(ctx.db, idempotentCall(SCHEMA, ctx.principal, 'createSegment', input), {
        write: async (manager) => {
          const { identifiers } = await manager.insert(Segment, { name: input.name, description: input.description ?? null, rules, createdById: ctx.principal.userId });
          const segmentId = identifiers[0]!.id as string;
          await auditCreated(manager, SEGMENT_RECORD, ctx.principal, segmentId);
          return segmentId;
        },
      }),
    );
    // A replayed create answers with the segment as it is now, which may since have been deleted.
    const segment = await ctx.loaders.segmentById.load(id);
    if (!segment) throw new NotFoundError('Segment', id);
    return segment;
  }

  @Mutation(() => Segment, {
    description:
      'Changes a segment: its creator, a MANAGER or an ADMIN. New rules replace the old ones and are validated like createSegment\'s. ' +
      'Pass `expectedVersion` to refuse overwriting a newer change',
  })
  async updateSegment(
    @Arg('id', () => ID, { description: 'Id of the segment to change' }) id: string,
    @Arg('input', () => UpdateSegmentInput, { description: 'The changes' }) input: UpdateSegmentInput,
    @Arg('expectedVersion', () => Int, { nullable: true, description: 'The version you read' }) expectedVersion: number | null,
    @Ctx() ctx: Context,
  ): Promise<Segment> {
    rejectNulls(input, ['name', 'rules']);
    const rules = input.rules ? validateSegmentRules(input.rules, 'input.rules') : undefined;
    const patch = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(rules ? { rules } : {}),
    };
    const updated = await uniqueName(() => nameTaken(input.name ?? ''), () => updateRecord(ctx.db, SEGMENT_RECORD, ctx.principal, id, patch, expectedVersion));
    ctx.loaders.segmentById.clear(id);
    return updated;
  }

  @Mutation(() => Segment, {
    description: 'Deletes a segment (it can be restored with restoreSegment): its creator, a MANAGER or an ADMIN. Pass `expectedVersion` to refuse deleting a newer version',
  })
  async deleteSegment(
    @Arg('id', () => ID, { description: 'Id of the segment to delete' }) id: string,
    @Arg('expectedVersion', () => Int, { nullable: true, description: 'The version you read' }) expectedVersion: number | null,
    @Ctx() ctx: Context,
  ): Promise<Segment> {
    const deleted = await deleteRecord(ctx.db, SEGMENT_RECORD, ctx.principal, id, expectedVersion);
    ctx.loaders.segmentById.clear(id);
    return deleted;
  }

  @Mutation(() => Segment, { description: 'Brings a deleted segment back; ADMIN or MANAGER. Refused when a live segment has taken its name meanwhile' })
  async restoreSegment(@Arg('id', () => ID, { description: 'Id of the deleted segment' }) id: string, @Ctx() ctx: Context): Promise<Segment> {
    const restored = await uniqueName(
      () => BadUserInputError.field('id', `a live segment has taken the name of segment ${id} since it was deleted; rename or delete that one first`),
      () => restoreRecord(ctx.db, SEGMENT_RECORD, ctx.principal, id),
    );
    ctx.loaders.segmentById.clear(id);
    return restored;
  }
}
