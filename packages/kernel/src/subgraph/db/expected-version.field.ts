import { IsInt, IsOptional } from 'class-validator';
import { Field, Int } from 'type-graphql';
import { allOf } from '../graphql/all-of.decorator';

/**
 * The optional `expectedVersion` field of an update input: the record's `version` as the caller read
 * it; the command refuses the change with CONFLICT when the record changed since (see `updateRecord`).
 * Use on a property `expectedVersion?: number`.
 */
export function ExpectedVersionField(
  description = 'The version you read; the update is refused with CONFLICT if it changed since',
): PropertyDecorator {
  return allOf(Field(() => Int, { nullable: true, description }), IsOptional(), IsInt());
}
