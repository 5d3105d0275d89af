import type { DealStageChangeView } from './deal-stage-changed.subscription';
import { formatDealChange, formatDecimal, formatTimestamp } from './format-deal-change';

const change: DealStageChangeView = {
  cursor: 'c1',
  changedAt: '2026-11-26T20:04:05.123Z',
  opportunity: {
    name: 'Acme – Platform deal',
    amount: { amount: '48000.00', currency: 'EUR' },
    account: { name: 'Acme Corp' },
    owner: { name: 'Jane Doe' },
  },
  fromStage: { name: 'Discovery' },
  toStage: { name: 'Proposal', kind: 'OPEN' },
  changedBy: { name: 'Jane Doe' },
};

describe('formatDealChange', () => {
  it('prints time, account, deal, from → to, who and amount on one line', () => {
    expect(formatDealChange(change, { timeZone: 'Europe/Berlin' })).toBe(
      '2026-11-26 21:04:05  Acme Corp  "Acme – Platform deal"  Discovery → Proposal  (by Jane Doe)  48,000.00 EUR',
    );
  });

  it('marks won and lost stages and names the owner when someone else moved the deal', () => {
    const won = { ...change, toStage: { name: 'Closed Won', kind: 'WON' as const }, changedBy: { name: 'Max Manager' } };
    expect(formatDealChange(won, { timeZone: 'UTC' })).toBe(
      '2026-11-26 20:04:05  Acme Corp  "Acme – Platform deal"  Discovery → Closed Won [WON]  (by Max Manager; owner Jane Doe)  48,000.00 EUR',
    );
  });

  it('shows a deal without a previous stage as new and a change without a user as made by the system', () => {
    const line = formatDealChange({ ...change, fromStage: null, changedBy: null }, { timeZone: 'UTC' });
    expect(line).toContain('(new) → Proposal');
    expect(line).toContain('(by system; owner Jane Doe)');
  });
});

describe('formatDecimal', () => {
  it('groups thousands without going through a float', () => {
    expect(formatDecimal('48000.00')).toBe('48,000.00');
    expect(formatDecimal('1234567890123456789.99')).toBe('1,234,567,890,123,456,789.99');
    expect(formatDecimal('999.50')).toBe('999.50');
    expect(formatDecimal('-1000')).toBe('-1,000');
    expect(formatDecimal('n/a')).toBe('n/a');
  });
});

describe('formatTimestamp', () => {
  it('prints an ISO instant as local date and time in the given zone, and leaves garbage alone', () => {
    expect(formatTimestamp('2026-07-01T00:00:00Z', 'America/New_York')).toBe('2026-06-30 20:00:00');
    expect(formatTimestamp('yesterday')).toBe('yesterday');
  });
});
