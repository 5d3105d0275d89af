import { Arg, Ctx, Query, Resolver, Root, Subscription, type ClassType, type SubscribeResolverData } from 'type-graphql';
import type { Principal } from '../../core/auth/principal';
import type { EventLog } from './define-event-log';
import type { LoggedEvent } from './event-source';
import { subscribeToLog, type LogSubscriptionArgs } from './subscribe-to-log';

/** The GraphQL side of an event log: its payload and filter types, and the words of its contract. */
export interface EventLogResolverOptions<E, F extends object, P extends object> {
  /** The object `Subscription.<name>` delivers. */
  payload: ClassType<P>;
  /** The input type of the `filter` argument, validated once when a subscription starts. */
  filter: ClassType<F>;
  /** One logged event as its payload. Default: a `payload` with the event's fields and its `cursor`. */
  toPayload?: (logged: LoggedEvent<E>) => P;
  descriptions: {
    /** Of `Query.<name>Cursor`. */
    cursor: string;
    /** Of `Subscription.<name>`. */
    subscription: string;
    /** Of its `after` argument. */
    after: string;
    /** Of its `filter` argument. */
    filter: string;
  };
}

/** What the log's fields need of a service's context. */
interface LogContext {
  principal: Principal;
  events: object;
}

/**
 * A resolver class declaring `Query.<name>Cursor` (the log's head: subscribing with it as `after`
 * gets every event from that moment on) and `Subscription.<name>(filter, after)` (started by
 * `subscribeToLog`). The service extends it with the payload's field resolvers.
 */
export function eventLogResolver<E, F extends object, P extends object>(log: EventLog<E, F>, options: EventLogResolverOptions<E, F, P>): ClassType<object> {
  const { payload, filter, descriptions } = options;
  const toPayload = options.toPayload ?? ((logged: LoggedEvent<E>) => Object.assign(new payload(), logged.event, { cursor: logged.cursor }));

  /** Starts the stream for one subscription; a bad `after` or filter fails the subscription with BAD_USER_INPUT. */
  const subscribe = ({ args, context }: SubscribeResolverData<unknown, LogSubscriptionArgs<F>, LogContext>) =>
    subscribeToLog(log.from(context), filter, args, context.principal);

  @Resolver(() => payload)
  class EventLogResolver {
    @Query(() => String, { name: `${log.name}Cursor`, description: descriptions.cursor })
    logHead(@Ctx() ctx: LogContext): Promise<string> {
      return log.from(ctx).head();
    }

    @Subscription(() => payload, { name: log.name, description: descriptions.subscription, subscribe })
    loggedEvent(
      @Root() logged: LoggedEvent<E>,
      // Validated once in `subscribe`, not again for every event. (The SDL lists arguments in
      // reverse order of the parameters.)
      @Arg('after', () => String, { nullable: true, validate: false, description: descriptions.after })
      _after: string | null,
      @Arg('filter', () => filter, { nullable: true, validate: false, description: descriptions.filter })
      _filter: F | null,
    ): P {
      return toPayload(logged);
    }
  }
  return EventLogResolver;
}
