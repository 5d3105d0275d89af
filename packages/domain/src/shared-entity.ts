import { Directive, ObjectType } from 'type-graphql';

/**
 * The entities more than one subgraph declares: one owns each, the others declare a stub of it
 * (`@key` and the fields they need) to point at it or to add fields to it. Composition merges the
 * declarations into one type, so every subgraph must give it the same key and the same words.
 */
export const SHARED_ENTITIES = {
  Account: {
    key: 'id',
    description: 'A customer or prospect: an organisation (B2B) or a consumer household (B2C)',
    id: 'Stable identifier of the account',
  },
  Contact: {
    key: 'id',
    description: 'A person at an account, e.g. a member of a buying committee',
    id: 'Stable identifier of the contact',
  },
  User: {
    key: 'id',
    description: 'One of our own people who uses the CRM: a sales rep, manager, analyst or admin',
    id: 'Stable identifier of the user',
  },
  Team: {
    key: 'id',
    description: 'A group of our own people, e.g. a regional sales team, led by a manager',
    id: 'Stable identifier of the team',
  },
  Opportunity: {
    key: 'id',
    description: 'A deal: a potential sale to an account, with an amount, an expected close date, an owner and a stage',
    id: 'Stable identifier of the opportunity',
  },
  AdoptionRow: {
    key: 'userId from to',
    description:
      "One sales person's use of the CRM in a window: what they logged, created and changed, and whether they need a retraining. " +
      'Counts come from each subgraph\'s audit log (who made each write), cover only live records the caller may read, and each subgraph adds its own',
  },
} as const;

export type SharedEntityName = keyof typeof SHARED_ENTITIES;

/**
 * Declares a class as the GraphQL object of a shared entity, with its `@key` and description. A
 * subgraph that only hands out references (`{ id }`) and adds no fields declares it not resolvable
 * (`resolvable: false`): the gateway then never asks it for that entity.
 */
export function SharedEntity(name: SharedEntityName, { resolvable = true }: { resolvable?: boolean } = {}): ClassDecorator {
  const { key, description } = SHARED_ENTITIES[name];
  return (target) => {
    ObjectType(name, { description })(target);
    Directive(resolvable ? `@key(fields: "${key}")` : `@key(fields: "${key}", resolvable: false)`)(target);
  };
}
