import { Connection } from '@crm/kernel/subgraph';
import { ObjectType } from 'type-graphql';
import { Contact } from './contact.entity';

@ObjectType({ description: 'A page of contacts' })
export class ContactConnection extends Connection(Contact) {}
