import { Connection } from '@crm/kernel/subgraph';
import { ObjectType } from 'type-graphql';
import { Team } from './team.entity';

@ObjectType({ description: 'A page of teams' })
export class TeamConnection extends Connection(Team) {}
