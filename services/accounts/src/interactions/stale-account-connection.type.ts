import { Connection } from '@crm/kernel/subgraph';
import { ObjectType } from 'type-graphql';
import { StaleAccount } from './stale-account.type';

@ObjectType({ description: 'A page of stale customers, longest quiet first' })
export class StaleAccountConnection extends Connection(StaleAccount) {}
