import type { DealStageChangeView } from './deal-stage-changed.subscription';

export interface FormatOptions {
  /** IANA time zone for `changedAt`. Default: the terminal's local zone. */
  timeZone?: string;
}

/**
 * One line per change, columns separated by two spaces:
 * `2026-11-26 21:04:05  Acme Corp  "Acme – Platform deal"  Discovery → Proposal  (by Jane Doe)  48,000.00 EUR`.
 * A closing move is marked (` → Closed Won [WON]`); the owner is named when someone else moved the deal.
 */
export function formatDealChange(change: DealStageChangeView, options: FormatOptions = {}): string {
  const { opportunity, fromStage, toStage, changedBy } = change;
  const kind = toStage.kind === 'OPEN' ? '' : ` [${toStage.kind}]`;
  const who = changedBy?.name ?? 'system';
  const owner = opportunity.owner && opportunity.owner.name !== who ? `; owner ${opportunity.owner.name}` : '';
  return [
    formatTimestamp(change.changedAt, options.timeZone),
    opportunity.account?.name ?? '?',
    `"${opportunity.name}"`,
    `${fromStage?.name ?? '(new)'} → ${toStage.name}${kind}`,
    `(by ${who}${owner})`,
    `${formatDecimal(opportunity.amount.amount)} ${opportunity.amount.currency}`,
  ].join('  ');
}

/** `2026-11-26T20:04:05.123Z` → `2026-11-26 21:04:05` in the given zone; unparseable input is shown as is. */
export function formatTimestamp(iso: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  // Swedish formatting is ISO-like: YYYY-MM-DD HH:mm:ss.
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(date);
}

/** `"48000.00"` → `"48,000.00"`, on the string: money is never turned into a float. */
export function formatDecimal(amount: string): string {
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(amount);
  if (!match) return amount;
  const [, sign, whole, fraction = ''] = match;
  return `${sign}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction}`;
}
