import { Connection } from '@crm/kernel';
import { ObjectType } from 'type-graphql';
import { Activity } from '../entities/activity.entity';

@ObjectType({ description: 'A page of activities' })
export class ActivityConnection extends Connection(Activity) {}
