import { Field, InputType } from 'type-graphql';
import type { SortOrder } from '../pagination/paginate';
import { SortDirection } from './sort-direction.enum';

/** The defaults of a list's order input, and the descriptions of its two fields if it has any. */
export interface OrderDefaults<F extends string> {
  field: F;
  direction: SortDirection;
  fieldDescription?: string;
  directionDescription?: string;
}

/**
 * The base class of a list's sort-order input: `field`, one of `fields` (a registered enum whose values
 * are entity properties, each a NOT NULL column as keyset pagination requires), and `direction`, each
 * with its default. The list's own class names the GraphQL input type:
 *
 *   @InputType({ description: 'Sort order of an account list; ties are broken by id' })
 *   export class AccountOrder extends OrderInput(AccountOrderField, { field: AccountOrderField.NAME, direction: SortDirection.ASC }) {}
 *
 * `AccountOrder.sortOrder(orderBy)` is the SortOrder `paginate` takes, the defaults when no order is given.
 */
export function OrderInput<E extends Record<string, string>>(fields: E, defaults: OrderDefaults<E[keyof E]>) {
  // type-graphql inherits fields only from an input type; no field or argument names this one, so the
  // schema never lists it.
  @InputType()
  abstract class Order {
    @Field(() => fields, { defaultValue: defaults.field, description: defaults.fieldDescription })
    field: E[keyof E] = defaults.field;

    @Field(() => SortDirection, { defaultValue: defaults.direction, description: defaults.directionDescription })
    direction: SortDirection = defaults.direction;

    /** How to sort the list for `order`: the defaults for what it leaves out (an arrow, so it can be passed around). */
    static readonly sortOrder = (order?: Order | null): SortOrder => ({
      property: order?.field ?? defaults.field,
      direction: order?.direction ?? defaults.direction,
    });
  }
  return Order;
}
