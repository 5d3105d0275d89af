import { Connection } from '@crm/kernel/subgraph';
import { ObjectType } from 'type-graphql';
import { User } from './user.entity';

@ObjectType({ description: 'A page of users' })
export class UserConnection extends Connection(User) {}
