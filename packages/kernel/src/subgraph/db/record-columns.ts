import { Field, ID, Int } from 'type-graphql';
import { CreateDateColumn, DeleteDateColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { allOf } from '../graphql/all-of.decorator';

/**
 * The columns most records share, each declared with its GraphQL field in one decorator. They are
 * property decorators, not a base class, because type-graphql lists inherited fields first and a
 * record's SDL shows its own fields between `id` and the timestamps.
 */

/**
 * Timestamps are stored with millisecond precision (`timestamptz(3)`): cursors carry a JS Date,
 * which has no microseconds, so a finer column would make keyset pages skip or repeat rows.
 */
export const TIMESTAMP_PRECISION = 3;

/** `id!: string`: the UUID primary key PostgreSQL generates, as `ID!`. */
export function IdColumn(description: string): PropertyDecorator {
  return allOf(PrimaryGeneratedColumn('uuid'), Field(() => ID, { description }));
}

/** `createdAt!: Date`: set by PostgreSQL on insert. */
export function CreatedAtColumn(description: string): PropertyDecorator {
  return allOf(CreateDateColumn({ type: 'timestamptz', precision: TIMESTAMP_PRECISION }), Field(() => Date, { description }));
}

/** `updatedAt!: Date`: set on every save. */
export function UpdatedAtColumn(description: string): PropertyDecorator {
  return allOf(UpdateDateColumn({ type: 'timestamptz', precision: TIMESTAMP_PRECISION }), Field(() => Date, { description }));
}

/** `deletedAt!: Date | null`: set by a soft delete, null while the record is live. */
export function DeletedAtColumn(description: string): PropertyDecorator {
  return allOf(
    DeleteDateColumn({ type: 'timestamptz', precision: TIMESTAMP_PRECISION, nullable: true }),
    Field(() => Date, { nullable: true, description }),
  );
}

/** `version!: number`: increased by every save; updates compare it with the caller's `expectedVersion`. */
export function RecordVersionColumn(): PropertyDecorator {
  return allOf(
    VersionColumn(),
    Field(() => Int, { description: 'Increases with every change; send it back as `expectedVersion` to avoid overwriting others' }),
  );
}
