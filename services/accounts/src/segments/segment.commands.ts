import { BadUserInputError, NotFoundError, requireRole } from '@crm/kernel';
import {
  auditCreated,
  deleteRecord,
  idempotentCall,
  isUniqueViolation,
  rejectNulls,
  restoreRecord,
  runIdempotentCreate,
  updateRecord,
  WRITING_ROLES,
} from '@crm/kernel/subgraph';
import type { Context } from '../context';
import { SCHEMA } from '../data-source';
import type { CreateSegmentInput } from './create-segment.input';
import { Segment } from './segment.entity';
import { SEGMENT_RECORD } from './segment.record';
import type { UpdateSegmentInput } from './update-segment.input';
import { validateSegmentRules } from './validate-segment-rules';

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

/** `createSegment`: the rules are validated and stored normalised; idempotent with `input.idempotencyKey`; audited. */
export async function createSegment(ctx: Context, input: CreateSegmentInput): Promise<Segment> {
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

/** `updateSegment`: new rules replace the old ones, validated like createSegment's. */
export async function updateSegment(ctx: Context, id: string, input: UpdateSegmentInput, expectedVersion: number | null): Promise<Segment> {
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

/** `deleteSegment`: a soft delete, which frees the name. */
export async function deleteSegment(ctx: Context, id: string, expectedVersion: number | null): Promise<Segment> {
  const deleted = await deleteRecord(ctx.db, SEGMENT_RECORD, ctx.principal, id, expectedVersion);
  ctx.loaders.segmentById.clear(id);
  return deleted;
}

/** `restoreSegment`: refused when a live segment has taken the name meanwhile. */
export async function restoreSegment(ctx: Context, id: string): Promise<Segment> {
  const restored = await uniqueName(
    () => BadUserInputError.field('id', `a live segment has taken the name of segment ${id} since it was deleted; rename or delete that one first`),
    () => restoreRecord(ctx.db, SEGMENT_RECORD, ctx.principal, id),
  );
  ctx.loaders.segmentById.clear(id);
  return restored;
}
