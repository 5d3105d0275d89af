import { Connection } from '@crm/kernel/subgraph';
import { ObjectType } from 'type-graphql';
import { Pipeline } from './pipeline.entity';

@ObjectType({ description: 'A page of pipelines' })
export class PipelineConnection extends Connection(Pipeline) {}
