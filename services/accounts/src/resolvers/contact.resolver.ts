import { BadUserInputError, definedOnly, idempotentCall, NotFoundError, paginate, rejectNulls, runIdempotentCreate, updateVersioned } from '@crm/kernel';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { SCHEMA } from '../data-source';
import { Account } from '../entities/account.entity';
import { Contact } from '../entities/contact.entity';
import { ContactConnection } from './contact-connection.type';
import { applyContactFilter } from './contact-filter.input';
import { ContactListArgs } from './contact-list.args';
import { contactSortOrder } from './contact-order.input';
import { CreateContactInput } from './create-contact.input';
import { UpdateContactInput } from './update-contact.input';

@Resolver(() => Contact)
export class ContactResolver {
  @Query(() => Contact, { nullable: true, description: 'One contact by id; null when it does not exist' })
  contact(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Contact | null> {
    return ctx.loaders.contactById.load(id);
  }

  @Query(() => ContactConnection, { description: 'Contacts, filtered, sorted and paginated' })
  contacts(@Args() { first, after, filter, orderBy }: ContactListArgs, @Ctx() ctx: Context) {
    const qb = applyContactFilter(ctx.db.getRepository(Contact).createQueryBuilder('contact'), filter);
    return paginate(qb, contactSortOrder(orderBy), { first, after });
  }

  @FieldResolver(() => Account, { description: 'The account the person works for' })
  account(@Root() contact: Contact, @Ctx() ctx: Context) {
    return ctx.loaders.accountById.load(contact.accountId);
  }

  @Mutation(() => Contact, { description: 'Creates a contact at an account; a retry with the same `idempotencyKey` and input returns the first result' })
  async createContact(@Arg('input', () => CreateContactInput) input: CreateContactInput, @Ctx() ctx: Context): Promise<Contact> {
    const { idempotencyKey: _key, ...fields } = input;
    const { id } = await runIdempotentCreate(ctx.db, idempotentCall(SCHEMA, ctx.principal, 'createContact', input), {
      prepare: async () => {
        if (!(await ctx.loaders.accountById.load(input.accountId))) {
          throw BadUserInputError.field('input.accountId', `no account with id ${input.accountId}`);
        }
      },
      write: async (manager) => {
        const repository = manager.getRepository(Contact);
        return (await repository.save(repository.create(fields))).id;
      },
    });
    return ctx.db.getRepository(Contact).findOneByOrFail({ id });
  }

  @Mutation(() => Contact, { description: 'Changes a contact; pass `expectedVersion` to refuse overwriting a newer change' })
  async updateContact(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateContactInput) input: UpdateContactInput,
    @Ctx() ctx: Context,
  ): Promise<Contact> {
    rejectNulls(input, ['accountId', 'firstName', 'lastName']);
    const { expectedVersion, ...fields } = input;
    if (!(await ctx.loaders.contactById.load(id))) throw new NotFoundError('Contact', id);
    if (fields.accountId && !(await ctx.loaders.accountById.load(fields.accountId))) {
      throw BadUserInputError.field('input.accountId', `no account with id ${fields.accountId}`);
    }
    return updateVersioned(ctx.db.getRepository(Contact), 'Contact', id, definedOnly(fields), expectedVersion);
  }
}
