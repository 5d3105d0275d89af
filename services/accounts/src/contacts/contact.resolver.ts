import { BadUserInputError, NotFoundError, requireRole } from '@crm/kernel';
import {
  AuditEntryConnection,
  auditCreated,
  auditTrail,
  definedOnly,
  deleteRecord,
  hidesContactDetails,
  idempotentCall,
  PageArgs,
  paginate,
  rejectNulls,
  restoreRecord,
  runIdempotentCreate,
  updateRecord,
  WRITING_ROLES,
} from '@crm/kernel/subgraph';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { SCHEMA } from '../data-source';
import { Account } from '../accounts/account.entity';
import { Contact } from './contact.entity';
import { CONTACT_RECORD } from './contact.record';
import { ContactConnection } from './contact-connection.type';
import { applyContactFilter } from './contact-filter.input';
import { ContactListArgs } from './contact-list.args';
import { contactSortOrder } from './contact-order.input';
import { CreateContactInput } from './create-contact.input';
import { UpdateContactInput } from './update-contact.input';

@Resolver(() => Contact)
export class ContactResolver {
  @Query(() => Contact, { nullable: true, description: 'One contact by id; null when it does not exist or was deleted' })
  contact(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Contact | null> {
    return ctx.loaders.contactById.load(id);
  }

  @Query(() => ContactConnection, { description: 'Contacts, filtered, sorted and paginated' })
  contacts(@Args() { first, after, filter, orderBy }: ContactListArgs, @Ctx() ctx: Context) {
    const qb = applyContactFilter(ctx.db.getRepository(Contact).createQueryBuilder('contact'), filter, ctx.principal);
    return paginate(qb, contactSortOrder(orderBy), { first, after });
  }

  // Personal details are hidden from ANALYSTs here, at the one place every read of a contact passes.
  @FieldResolver(() => String, { nullable: true })
  email(@Root() contact: Contact, @Ctx() ctx: Context): string | null {
    return hidesContactDetails(ctx.principal) ? null : contact.email;
  }

  @FieldResolver(() => String, { nullable: true })
  phone(@Root() contact: Contact, @Ctx() ctx: Context): string | null {
    return hidesContactDetails(ctx.principal) ? null : contact.phone;
  }

  @FieldResolver(() => Account, { nullable: true, description: 'The account the person works for; null when it was deleted' })
  account(@Root() contact: Contact, @Ctx() ctx: Context) {
    return ctx.loaders.accountById.load(contact.accountId);
  }

  @FieldResolver(() => AuditEntryConnection, { description: 'Who changed what on this contact, newest first; ADMIN and MANAGER only' })
  auditTrail(@Root() contact: Contact, @Args() page: PageArgs, @Ctx() ctx: Context) {
    return auditTrail(ctx.db, ctx.principal, CONTACT_RECORD.name, contact.id, page);
  }

  @Mutation(() => Contact, {
    description:
      'Creates a contact at an account; whoever may change the account may add its contacts, an ANALYST none. ' +
      'A retry with the same `idempotencyKey` and input returns the first result',
  })
  async createContact(@Arg('input', () => CreateContactInput) input: CreateContactInput, @Ctx() ctx: Context): Promise<Contact> {
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

  @Mutation(() => Contact, {
    description:
      'Changes a contact; whoever may change its account may change it, and may only move it to an account they may change. ' +
      'Pass `expectedVersion` to refuse overwriting a newer change',
  })
  async updateContact(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateContactInput) input: UpdateContactInput,
    @Ctx() ctx: Context,
  ): Promise<Contact> {
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

  @Mutation(() => Contact, {
    description:
      'Deletes a contact: it vanishes from lists, lookups and `_entities` but can be restored (restoreContact). ' +
      'Whoever may change the contact may delete it; pass `expectedVersion` to refuse deleting a newer version',
  })
  async deleteContact(
    @Arg('id', () => ID, { description: 'Id of the contact to delete' }) id: string,
    @Arg('expectedVersion', () => Int, { nullable: true, description: 'The version you read' }) expectedVersion: number | null,
    @Ctx() ctx: Context,
  ): Promise<Contact> {
    const deleted = await deleteRecord(ctx.db, CONTACT_RECORD, ctx.principal, id, expectedVersion);
    ctx.loaders.contactById.clear(id);
    return deleted;
  }

  @Mutation(() => Contact, { description: 'Brings a deleted contact back; ADMIN, or a MANAGER for contacts of their team\'s accounts' })
  async restoreContact(@Arg('id', () => ID, { description: 'Id of the deleted contact' }) id: string, @Ctx() ctx: Context): Promise<Contact> {
    const restored = await restoreRecord(ctx.db, CONTACT_RECORD, ctx.principal, id);
    ctx.loaders.contactById.clear(id);
    return restored;
  }
}
