import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * An account's interactions as the activities subgraph reported them last (`interactionLogged`),
 * kept by `events/interactions.consumer.ts`. Not a GraphQL type: it feeds `staleAccounts` and
 * `daysSinceLastInteraction`.
 */
@Entity({ name: 'account_interactions' })
export class AccountInteraction {
  @PrimaryColumn({ type: 'uuid' })
  accountId!: string;

  /** The latest interaction that had happened when activities recorded the change; null when none. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lastInteractionAt!: Date | null;

  /** The earliest interaction dated in the future at that time (a planned meeting); it counts once its time has come. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  nextInteractionAt!: Date | null;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}

/**
 * SQL for the account's last interaction as of now, over an AccountInteraction under `alias`: the
 * recorded last one, or the recorded next one once its time has passed. (Of several interactions
 * planned ahead only the earliest is known, so after two of them have passed the later one counts
 * only when activities records another change; see README.)
 */
export function lastInteractionSql(alias: string): string {
  return `(CASE WHEN ${alias}.nextInteractionAt <= now() THEN greatest(${alias}.lastInteractionAt, ${alias}.nextInteractionAt) ELSE ${alias}.lastInteractionAt END)`;
}

/** SQL for whole days from `timestamp` (SQL) to now, never negative. */
export function daysSinceSql(timestamp: string): string {
  return `greatest(0, floor(extract(epoch FROM now() - ${timestamp}) / 86400))::int`;
}
