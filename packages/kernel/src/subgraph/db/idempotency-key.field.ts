import { IsOptional, Matches } from 'class-validator';
import { Field } from 'type-graphql';

/** Printable ASCII (space to `~`), 1–200 characters: a UUID or any other client-chosen token fits. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x20-\x7E]{1,200}$/;

/**
 * The optional `idempotencyKey` field of a mutation input, declared once for every create and for
 * `moveOpportunityStage`, so the rule and its description cannot drift between services.
 * Use on a property `idempotencyKey?: string | null`; see `runIdempotentCreate`.
 */
export function IdempotencyKeyField(): PropertyDecorator {
  const decorators = [
    Field(() => String, {
      nullable: true,
      description:
        'Optional key that makes retries safe, e.g. a UUID the client generates once per intended change (1–200 printable ASCII characters). ' +
        'Sending the same key again with the same input, within 24 hours, returns the result of the first request without changing anything again; ' +
        'the same key with a different input is refused with CONFLICT. Keys are per user and per mutation',
    }),
    IsOptional(),
    Matches(IDEMPOTENCY_KEY_PATTERN, { message: 'idempotencyKey must be 1–200 printable ASCII characters (space to ~)' }),
  ];
  return (target, property) => {
    for (const decorate of decorators) decorate(target, property);
  };
}
