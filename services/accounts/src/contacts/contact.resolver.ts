import { auditTrail, AuditEntryConnection, hidesContactDetails, PageArgs } from '@crm/kernel/subgraph';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { Account } from '../accounts/account.entity';
import { Contact } from './contact.entity';
import { CONTACT_RECORD } from './contact.record';
import { ContactConnection } from './contact-connection.type';
import { ContactListArgs } from './contact-list.args';
import * as commands from './contact.commands';
import * as queries from './contact.queries';
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
    return queries.listContacts(ctx.db, ctx.principal, { first, after, filter, orderBy });
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
  createContact(@Arg('input', () => CreateContactInput) input: CreateContactInput, @Ctx() ctx: Context): Promise<Contact> {
    return commands.createContact(ctx, input);
  }

  @Mutation(() => Contact, {
    description:
      'Changes a contact; whoever may change its account may change it, and may only move it to an account they may change. ' +
      'Pass `expectedVersion` to refuse overwriting a newer change',
  })
  updateContact(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateContactInput) input: UpdateContactInput,
    @Ctx() ctx: Context,
  ): Promise<Contact> {
    return commands.updateContact(ctx, id, input);
  }

  @Mutation(() => Contact, {
    description:
      'Deletes a contact: it vanishes from lists, lookups and `_entities` but can be restored (restoreContact). ' +
      'Whoever may change the contact may delete it; pass `expectedVersion` to refuse deleting a newer version',
  })
  deleteContact(
    @Arg('id', () => ID, { description: 'Id of the contact to delete' }) id: string,
    @Arg('expectedVersion', () => Int, { nullable: true, description: 'The version you read' }) expectedVersion: number | null,
    @Ctx() ctx: Context,
  ): Promise<Contact> {
    return commands.deleteContact(ctx, id, expectedVersion);
  }

  @Mutation(() => Contact, { description: 'Brings a deleted contact back; ADMIN, or a MANAGER for contacts of their team\'s accounts' })
  restoreContact(@Arg('id', () => ID, { description: 'Id of the deleted contact' }) id: string, @Ctx() ctx: Context): Promise<Contact> {
    return commands.restoreContact(ctx, id);
  }
}
