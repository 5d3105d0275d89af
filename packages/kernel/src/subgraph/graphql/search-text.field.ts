import { IsOptional, MaxLength } from 'class-validator';
import { Field } from 'type-graphql';
import { allOf } from './all-of.decorator';

/** Longest `search` text a list filter accepts; the text is matched with `containsPattern`. */
export const MAX_SEARCH_LENGTH = 200;

/** The optional `search` field of a list filter: text to look for, at most MAX_SEARCH_LENGTH characters. */
export function SearchTextField(description: string): PropertyDecorator {
  return allOf(Field(() => String, { nullable: true, description }), IsOptional(), MaxLength(MAX_SEARCH_LENGTH));
}
