import type { ExchangeRate, User } from './book';
import type { GenerationContext } from './context';
import { DAY } from './time';

/**
 * The conversion table an admin keeps for the book's currencies (USD, EUR, GBP): every ordered pair,
 * each direction set on its own as finance publishes them, so converted analytics work in any of them.
 */
export const EXCHANGE_RATES: readonly Pick<ExchangeRate, 'fromCurrency' | 'toCurrency' | 'rate'>[] = [
  { fromCurrency: 'GBP', toCurrency: 'EUR', rate: '1.17' },
  { fromCurrency: 'USD', toCurrency: 'EUR', rate: '0.92' },
  { fromCurrency: 'EUR', toCurrency: 'GBP', rate: '0.855' },
  { fromCurrency: 'USD', toCurrency: 'GBP', rate: '0.787' },
  { fromCurrency: 'EUR', toCurrency: 'USD', rate: '1.087' },
  { fromCurrency: 'GBP', toCurrency: 'USD', rate: '1.271' },
];

/** The table as set by the book's admin at the start of the current month. */
export function generateExchangeRates(ctx: GenerationContext, admin: User): ExchangeRate[] {
  const monthStart = new Date(ctx.now);
  monthStart.setUTCDate(1);
  monthStart.setUTCHours(9, 0, 0, 0);
  const updatedAt = new Date(Math.min(monthStart.getTime(), ctx.now - DAY));
  return EXCHANGE_RATES.map((rate) => ({ ...rate, updatedAt, updatedById: admin.id }));
}
