import { BadUserInputError, requireRole } from '@crm/kernel';
import { onUniqueViolation, recordCommands, rejectNulls, WRITING_ROLES } from '@crm/kernel/subgraph';
import type { Context } from '../context';
import { SCHEMA } from '../data-source';
import type { CreateSegmentInput } from './create-segment.input';
import { Segment } from './segment.entity';
import { SEGMENT_RECORD } from './segment.record';
import type { UpdateSegmentInput } from './update-segment.input';
import { validateSegmentRules } from './validate-segment-rules';

const segments = recordCommands(SEGMENT_RECORD, { schema: SCHEMA, loader: (ctx: Context) => ctx.loaders.segmentById });

/** A write that gave a segment a name a live one already has (the unique index on live names refused it). */
function nameTaken(name: string): BadUserInputError {
  return BadUserInputError.field('input.name', `a segment named "${name}" already exists (names are unique among live segments, ignoring case)`);
}

/** `createSegment`: the rules are validated and stored normalised; idempotent with `input.idempotencyKey`; audited. */
export async function createSegment(ctx: Context, input: CreateSegmentInput): Promise<Segment> {
  requireRole(ctx.principal, WRITING_ROLES, 'create segments');
  const rules = validateSegmentRules(input.rules, 'input.rules');
  return onUniqueViolation(
    () =>
      segments.create(ctx, 'createSegment', input, {
        insert: async (manager) => {
          const { identifiers } = await manager.insert(Segment, { name: input.name, description: input.description ?? null, rules, createdById: ctx.principal.userId });
          return identifiers[0]!.id as string;
        },
      }),
    () => nameTaken(input.name),
  );
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
  return onUniqueViolation(() => segments.update(ctx, id, patch, expectedVersion), () => nameTaken(input.name ?? ''));
}

/** `deleteSegment`: a soft delete, which frees the name. */
export function deleteSegment(ctx: Context, id: string, expectedVersion: number | null): Promise<Segment> {
  return segments.delete(ctx, id, expectedVersion);
}

/** `restoreSegment`: refused when a live segment has taken the name meanwhile. */
export function restoreSegment(ctx: Context, id: string): Promise<Segment> {
  return onUniqueViolation(
    () => segments.restore(ctx, id),
    () => BadUserInputError.field('id', `a live segment has taken the name of segment ${id} since it was deleted; rename or delete that one first`),
  );
}
