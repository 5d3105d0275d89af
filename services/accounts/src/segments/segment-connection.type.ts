import { Connection } from '@crm/kernel/subgraph';
import { ObjectType } from 'type-graphql';
import { Segment } from './segment.entity';

@ObjectType({ description: 'A page of segments' })
export class SegmentConnection extends Connection(Segment) {}
