import { Connection } from '@crm/kernel/subgraph';
import { ObjectType } from 'type-graphql';
import { Activity } from './activity.entity';

@ObjectType({ description: 'A page of activities' })
export class ActivityConnection extends Connection(Activity) {}
