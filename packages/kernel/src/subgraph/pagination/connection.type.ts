import { Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { PageInfo } from './page-info.type';

/** A page of a list plus a lazily computed total, built by {@link paginate} or {@link paginateByParent}. */
export interface ConnectionData<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  /** A getter, so the count query runs only when a client selects `totalCount`. */
  readonly totalCount: Promise<number>;
}

/**
 * Relay-style connection type for `node`. Use as
 * `@ObjectType() class AccountConnection extends Connection(Account) {}`.
 */
export function Connection<T extends object>(node: ClassType<T>, options: { shareable?: boolean } = {}) {
  @ObjectType(`${node.name}Edge`, { description: `One ${node.name} in a list, with its cursor` })
  class Edge {
    @Field({ description: 'Pass as `after` to continue after this item' })
    cursor!: string;

    @Field(() => node, { description: `The ${node.name} itself` })
    node!: T;
  }
  // A connection of a kernel type that every subgraph serves (e.g. audit entries) must be shareable.
  if (options.shareable) Directive('@shareable')(Edge);

  @ObjectType()
  abstract class ConnectionBase implements ConnectionData<T> {
    @Field(() => [Edge], { description: 'The items on this page, in order' })
    edges!: { cursor: string; node: T }[];

    @Field(() => PageInfo, { description: 'Cursors of this page and whether more items follow' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many items match the filter in all pages' })
    totalCount!: Promise<number>;
  }
  return ConnectionBase;
}
