import { BadUserInputError, NotFoundError, requireRole } from '@crm/kernel';
import {
  auditCreated,
  definedOnly,
  deleteRecord,
  idempotentCall,
  rejectNulls,
  restoreRecord,
  runIdempotentCreate,
  updateRecord,
  WRITING_ROLES,
} from '@crm/kernel/subgraph';
import type { Context } from '../context';
import { SCHEMA } from '../data-source';
import { Contact } from './contact.entity';
import { CONTACT_RECORD } from './contact.record';
import type { CreateContactInput } from './create-contact.input';
import type { UpdateContactInput } from './update-contact.input';

/** `createContact`: at an account the caller may read; idempotent with `input.idempotencyKey`; audited in the same transaction. */
export async function createContact(ctx: Context, input: CreateContactInput): Promise<Contact> {
  requireRole(ctx.principal, WRITING_ROLES, 'create contacts');
  const { idempotencyKey: _key, ...fields } = input;
  const { id } = await runIdempotentCreate(ctx.db, idempotentCall(SCHEMA, ctx.principal, 'createContact', input), {
    prepare: async () => {
      if (!(await ctx.loaders.accountById.load(input.accountId))) {
        throw BadUserInputError.field('input.accountId', `no account with id ${input.accountId}`);
      }
    },
    write: async (manager) => {
      const repository = manager.getRepository(Contact);
      const saved = await repository.save(repository.create(fields));
      await auditCreated(manager, CONTACT_RECORD, ctx.principal, saved.id);
      return saved.id;
    },
  });
  // A replayed create answers with the contact as it is now, which may since have been deleted.
  const contact = await ctx.loaders.contactById.load(id);
  if (!contact) throw new NotFoundError('Contact', id);
  return contact;
}

/** `updateContact`: a move to another account needs that account to exist; the access rule then decides. */
export async function updateContact(ctx: Context, id: string, input: UpdateContactInput): Promise<Contact> {
  requireRole(ctx.principal, WRITING_ROLES, 'change contacts');
  rejectNulls(input, ['accountId', 'firstName', 'lastName']);
  const { expectedVersion, ...fields } = input;
  if (!(await ctx.loaders.contactById.load(id))) throw new NotFoundError('Contact', id);
  if (fields.accountId && !(await ctx.loaders.accountById.load(fields.accountId))) {
    throw BadUserInputError.field('input.accountId', `no account with id ${fields.accountId}`);
  }
  const updated = await updateRecord(ctx.db, CONTACT_RECORD, ctx.principal, id, definedOnly(fields), expectedVersion);
  ctx.loaders.contactById.clear(id);
  return updated;
}

/** `deleteContact`: a soft delete. */
export async function deleteContact(ctx: Context, id: string, expectedVersion: number | null): Promise<Contact> {
  const deleted = await deleteRecord(ctx.db, CONTACT_RECORD, ctx.principal, id, expectedVersion);
  ctx.loaders.contactById.clear(id);
  return deleted;
}

/** `restoreContact`. */
export async function restoreContact(ctx: Context, id: string): Promise<Contact> {
  const restored = await restoreRecord(ctx.db, CONTACT_RECORD, ctx.principal, id);
  ctx.loaders.contactById.clear(id);
  return restored;
}
