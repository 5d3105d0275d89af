import { Connection } from '@crm/kernel/subgraph';
import { ObjectType } from 'type-graphql';
import { Opportunity } from './opportunity.entity';

@ObjectType({ description: 'A page of opportunities' })
export class OpportunityConnection extends Connection(Opportunity) {}
