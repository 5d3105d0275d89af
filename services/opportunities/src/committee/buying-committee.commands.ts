import { BadUserInputError, ConflictError, isUuid, NotFoundError, requireRole } from '@crm/kernel';
import {
  AuditAction,
  assertExpectedVersion,
  definedOnly,
  lockForWrite,
  onUniqueViolation,
  recordAudit,
  rejectNulls,
  WRITING_ROLES,
  type AuditChange,
} from '@crm/kernel/subgraph';
import type { EntityManager } from 'typeorm';
import type { Context } from '../context';
import type { Opportunity } from '../deals/opportunity.entity';
import { OPPORTUNITY_RECORD } from '../deals/opportunity.record';
import type { AddCommitteeMemberInput } from './add-committee-member.input';
import { CommitteeMember } from './committee-member.entity';
import type { UpdateCommitteeMemberInput } from './update-committee-member.input';

// The writes of a deal's buying committee. They follow the deal's write rules (the deal row is locked
// with `lockForWrite`, so NOT_FOUND, FORBIDDEN and the order of concurrent writers are the same as for
// deal updates) and land on the deal's audit trail as changes of its `buyingCommittee` field.

/** For refusals: "As REP you may not change the buying committee of Opportunity …". */
const WHAT = 'change the buying committee of';

/**
 * `addCommitteeMember`: the deal is locked with its write rules first, so those who may not change it
 * are refused before accounts is asked where the contact works; then, under the lock again, the member
 * is seated (and a previous primary cleared) and audited on the deal's trail.
 */
export async function addCommitteeMember(ctx: Context, input: AddCommitteeMemberInput): Promise<CommitteeMember> {
  requireRole(ctx.principal, WRITING_ROLES, 'change buying committees');
  // Refuse those who may not change the deal before asking anyone where the contact works.
  const deal = await ctx.db.transaction((manager) => lockForWrite(manager, OPPORTUNITY_RECORD, ctx.principal, input.opportunityId, { what: WHAT }));
  await assertContactInDealGroup(ctx, deal, input.contactId);
  const member = await ctx.db.transaction(async (manager) => {
    const current = await lockForWrite(manager, OPPORTUNITY_RECORD, ctx.principal, deal.id, { what: WHAT });
    if (current.accountId !== deal.accountId) {
      throw new ConflictError(`Opportunity ${deal.id} moved to account ${current.accountId} while the contact was being checked; retry`);
    }
    const seated = await manager.findOneBy(CommitteeMember, { opportunityId: deal.id, contactId: input.contactId });
    if (seated) throw alreadySeated(input.contactId, deal.id, seated.id);
    const cleared = input.isPrimary ? await clearPrimary(manager, deal.id, null) : [];
    const seat = {
      opportunityId: deal.id,
      contactId: input.contactId,
      role: input.role,
      stance: input.stance,
      influence: input.influence ?? null,
      isPrimary: input.isPrimary,
    };
    const { identifiers } = await onUniqueViolation(() => manager.insert(CommitteeMember, seat), () => alreadySeated(input.contactId, deal.id, null));
    const id = identifiers[0].id as string;
    const added = await manager.findOneByOrFail(CommitteeMember, { id });
    await auditCommittee(manager, ctx, deal.id, [...cleared.map((before) => change(before, { ...before, isPrimary: false })), change(null, added)]);
    return added;
  });
  ctx.loaders.buyingCommitteeByOpportunityId.clear(deal.id);
  return member;
}

/** `updateCommitteeMember`: role, stance, influence or primary flag; making one primary clears the previous primary in the same transaction. */
export async function updateCommitteeMember(ctx: Context, id: string, input: UpdateCommitteeMemberInput): Promise<CommitteeMember> {
  requireRole(ctx.principal, WRITING_ROLES, 'change buying committees');
  rejectNulls(input, ['role', 'stance', 'isPrimary']);
  const { expectedVersion, ...fields } = input;
  const patch = definedOnly(fields);
  const member = await ctx.db.transaction(async (manager) => {
    const before = await lockMember(manager, ctx, id, expectedVersion);
    const changed = Object.entries(patch).some(([key, value]) => before[key as keyof CommitteeMember] !== value);
    if (!changed) return before;
    const cleared = patch.isPrimary && !before.isPrimary ? await clearPrimary(manager, before.opportunityId, before.id) : [];
    // The query builder's UPDATE bumps `version` and `updatedAt` by itself.
    await manager.getRepository(CommitteeMember).createQueryBuilder().update().set(patch).where('id = :id', { id }).execute();
    const after = await manager.findOneByOrFail(CommitteeMember, { id });
    await auditCommittee(manager, ctx, before.opportunityId, [...cleared.map((old) => change(old, { ...old, isPrimary: false })), change(before, after)]);
    return after;
  });
  ctx.loaders.buyingCommitteeByOpportunityId.clear(member.opportunityId);
  return member;
}

/** `removeCommitteeMember`: returns the membership as it was. */
export async function removeCommitteeMember(ctx: Context, id: string, expectedVersion: number | null): Promise<CommitteeMember> {
  requireRole(ctx.principal, WRITING_ROLES, 'change buying committees');
  const removed = await ctx.db.transaction(async (manager) => {
    const before = await lockMember(manager, ctx, id, expectedVersion);
    await manager.delete(CommitteeMember, { id });
    await auditCommittee(manager, ctx, before.opportunityId, [change(before, null)]);
    return before;
  });
  ctx.loaders.buyingCommitteeByOpportunityId.clear(removed.opportunityId);
  return removed;
}

/**
 * The hierarchy rule: the contact must work for an account of the deal's account's group, i.e. one
 * with the same top-most parent (the deal's account itself, its parent, subsidiaries and siblings).
 * Asked of the accounts subgraph as the caller; a contact the caller cannot read does not exist here.
 */
async function assertContactInDealGroup(ctx: Context, deal: Opportunity, contactId: string): Promise<void> {
  const { contact, dealRootId } = await ctx.loaders.contactPlacement.load({ contactId, accountId: deal.accountId });
  if (!contact) throw BadUserInputError.field('input.contactId', `no contact with id ${contactId}`);
  if (!dealRootId) {
    throw BadUserInputError.field('input.opportunityId', `the deal's account ${deal.accountId} does not exist (any more), so no contact can join its committee`);
  }
  if (contact.rootId !== dealRootId) {
    throw BadUserInputError.field(
      'input.contactId',
      `contact ${contactId} belongs to account ${contact.accountId}, which is not in the hierarchy of the deal's account ${deal.accountId}`,
    );
  }
}

function alreadySeated(contactId: string, opportunityId: string, memberId: string | null): BadUserInputError {
  return BadUserInputError.field(
    'input.contactId',
    `contact ${contactId} already sits on the buying committee of deal ${opportunityId}${memberId ? ` (member ${memberId})` : ''}; change that membership instead`,
  );
}

/**
 * Locks membership `id` for a write: first its deal, with the deal's write rules (a deal the caller
 * may not read makes the membership NOT_FOUND too), then the membership row, then its version.
 */
async function lockMember(manager: EntityManager, ctx: Context, id: string, expectedVersion: number | null | undefined): Promise<CommitteeMember> {
  const found = isUuid(id) ? await manager.findOneBy(CommitteeMember, { id }) : null;
  if (!found) throw new NotFoundError('CommitteeMember', id);
  try {
    await lockForWrite(manager, OPPORTUNITY_RECORD, ctx.principal, found.opportunityId, { what: WHAT });
  } catch (error) {
    if (error instanceof NotFoundError) throw new NotFoundError('CommitteeMember', id);
    throw error;
  }
  const member = await manager.getRepository(CommitteeMember).createQueryBuilder('member').where('member.id = :id', { id }).setLock('pessimistic_write').getOne();
  if (!member) throw new NotFoundError('CommitteeMember', id);
  assertExpectedVersion('CommitteeMember', id, expectedVersion, member.version);
  return member;
}

/** Makes the deal's primary member (other than `exceptId`) an ordinary one; returns them as they were. */
async function clearPrimary(manager: EntityManager, opportunityId: string, exceptId: string | null): Promise<CommitteeMember[]> {
  const primary = await manager.findBy(CommitteeMember, { opportunityId, isPrimary: true });
  const others = primary.filter((member) => member.id !== exceptId);
  if (others.length === 0) return [];
  await manager
    .getRepository(CommitteeMember)
    .createQueryBuilder()
    .update()
    .set({ isPrimary: false })
    .where('id IN (:...ids)', { ids: others.map((member) => member.id) })
    .execute();
  return others;
}

/** A membership as the deal's audit trail shows it. */
function summary(member: CommitteeMember | null): string | null {
  if (!member) return null;
  const { id, contactId, role, stance, influence, isPrimary } = member;
  return JSON.stringify({ id, contactId, role, stance, influence, isPrimary });
}

function change(before: CommitteeMember | null, after: CommitteeMember | null): AuditChange {
  return { field: 'buyingCommittee', from: summary(before), to: summary(after) };
}

/** Records committee changes on the deal's trail, in the write's transaction. */
function auditCommittee(manager: EntityManager, ctx: Context, opportunityId: string, changes: AuditChange[]): Promise<void> {
  return recordAudit(manager, { entityType: OPPORTUNITY_RECORD.name, entityId: opportunityId, action: AuditAction.UPDATE, changedById: ctx.principal.userId, changes });
}
