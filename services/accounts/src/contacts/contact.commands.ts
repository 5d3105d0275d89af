import { BadUserInputError, requireRole } from '@crm/kernel';
import { definedOnly, recordCommands, rejectNulls, WRITING_ROLES } from '@crm/kernel/subgraph';
import type { Context } from '../context';
import { SCHEMA } from '../data-source';
import { Contact } from './contact.entity';
import { CONTACT_RECORD } from './contact.record';
import type { CreateContactInput } from './create-contact.input';
import type { UpdateContactInput } from './update-contact.input';

const contacts = recordCommands(CONTACT_RECORD, { schema: SCHEMA, loader: (ctx: Context) => ctx.loaders.contactById });

/** A contact works at an account the caller may read. */
async function assertAccountReadable(ctx: Context, accountId: string): Promise<void> {
  if (!(await ctx.loaders.accountById.load(accountId))) throw BadUserInputError.field('input.accountId', `no account with id ${accountId}`);
}

/** `createContact`: at an account the caller may read; idempotent with `input.idempotencyKey`; audited in the same transaction. */
export async function createContact(ctx: Context, input: CreateContactInput): Promise<Contact> {
  requireRole(ctx.principal, WRITING_ROLES, 'create contacts');
  const { idempotencyKey: _key, ...fields } = input;
  return contacts.create(ctx, 'createContact', input, {
    prepare: () => assertAccountReadable(ctx, input.accountId),
    insert: async (manager) => {
      const repository = manager.getRepository(Contact);
      return (await repository.save(repository.create(fields))).id;
    },
  });
}

/** `updateContact`: a move to another account needs that account to exist; the access rule then decides. */
export async function updateContact(ctx: Context, id: string, input: UpdateContactInput): Promise<Contact> {
  requireRole(ctx.principal, WRITING_ROLES, 'change contacts');
  rejectNulls(input, ['accountId', 'firstName', 'lastName']);
  const { expectedVersion, ...fields } = input;
  await contacts.load(ctx, id);
  if (fields.accountId) await assertAccountReadable(ctx, fields.accountId);
  return contacts.update(ctx, id, definedOnly(fields), expectedVersion);
}

/** `deleteContact`: a soft delete. */
export function deleteContact(ctx: Context, id: string, expectedVersion: number | null): Promise<Contact> {
  return contacts.delete(ctx, id, expectedVersion);
}

/** `restoreContact`. */
export function restoreContact(ctx: Context, id: string): Promise<Contact> {
  return contacts.restore(ctx, id);
}
