import { weighAmount } from './weighted-amount';

describe('weighAmount', () => {
  it.each([
    ['100000.00', 25, '25000.00'],
    ['0.00', 50, '0.00'],
    ['0.01', 50, '0.01'],
    ['0.01', 49, '0.00'],
    ['10.05', 10, '1.01'],
    ['1234.5', 75, '925.88'],
    ['7', 33, '2.31'],
    ['9999999999999999.99', 100, '9999999999999999.99'],
    ['9999999999999999.99', 33, '3300000000000000.00'],
    ['125000.00', 0, '0.00'],
  ])('weights %s at %i%% as %s, rounding half up to cents', (amount, probability, expected) => {
    expect(weighAmount(amount, probability)).toBe(expected);
  });

  it('refuses amounts and probabilities it cannot weigh exactly', () => {
    expect(() => weighAmount('-1.00', 10)).toThrow(/got "-1.00"/);
    expect(() => weighAmount('1.005', 10)).toThrow(/at most 2 fraction digits/);
    expect(() => weighAmount('1.00', 101)).toThrow(/got 101/);
    expect(() => weighAmount('1.00', 12.5)).toThrow(/integer probability/);
  });
});
