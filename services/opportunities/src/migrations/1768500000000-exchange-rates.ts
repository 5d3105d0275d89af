import { drops, sqlMigration } from '@crm/kernel/subgraph';

/**
 * The conversion table of issue 4 ("sums are per currency unless a conversion table is configured"):
 * one rate per ordered currency pair, set by ADMINs and read by `pipelineSummary` and `forecast` when
 * they are asked to convert. Explicit pairs only: a rate is never inverted or chained, so every figure
 * converted is converted by a rate someone set for exactly that pair.
 */
export class ExchangeRates1768500000000 extends sqlMigration({
  up: [
    `
      CREATE TABLE opportunities.exchange_rates (
        from_currency char(3) NOT NULL CHECK (from_currency ~ '^[A-Z]{3}$'),
        to_currency char(3) NOT NULL CHECK (to_currency ~ '^[A-Z]{3}$'),
        rate numeric(20, 10) NOT NULL CHECK (rate > 0),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_by_id uuid NOT NULL,
        PRIMARY KEY (to_currency, from_currency),
        CHECK (from_currency <> to_currency)
      )`,
  ],
  down: drops('opportunities', { tables: ['exchange_rates'] }),
}) {}
