import { Connection } from '@crm/kernel/subgraph';
import { ObjectType } from 'type-graphql';
import { Account } from './account.entity';

@ObjectType({ description: 'A page of accounts' })
export class AccountConnection extends Connection(Account) {}
