import { IsOptional, IsUUID } from 'class-validator';
import { Field, ID } from 'type-graphql';
import { allOf } from './all-of.decorator';

/**
 * An optional `ID` field of an input or filter that names a record by its UUID, so a malformed id is
 * refused with BAD_USER_INPUT before any SQL runs. Use on a property `…Id?: string` (`| null` where
 * null means something, e.g. "no team").
 */
export function OptionalIdField(description: string): PropertyDecorator {
  return allOf(Field(() => ID, { nullable: true, description }), IsOptional(), IsUUID());
}
