import { closeCodeOf, isFatalCloseCode, shouldRetry } from './close-codes';

describe('close codes', () => {
  it.each([1000, 1001, 1005, 1006, 1012, 1013, 1014, 4408, 4499, 4500, 4504])('retries after close %i', (code) => {
    expect(isFatalCloseCode(code)).toBe(false);
    expect(shouldRetry({ code, reason: '' })).toBe(true);
  });

  it.each([1002, 1003, 1008, 1011, 4400, 4401, 4403, 4406, 4409, 4429])('never retries after close %i', (code) => {
    expect(isFatalCloseCode(code)).toBe(true);
    expect(shouldRetry({ code, reason: '' })).toBe(false);
  });

  it('retries network errors that arrive without a close code, such as a refused connection', () => {
    expect(shouldRetry(new Error('connect ECONNREFUSED 127.0.0.1:4000'))).toBe(true);
    expect(shouldRetry({ type: 'error' })).toBe(true);
  });

  it('reads the close code from the error GraphQLWsLink raises, and nothing from other errors', () => {
    expect(closeCodeOf(new Error('Socket closed with event 4500 Internal Server Error'))).toBe(4500);
    expect(closeCodeOf(new Error('Socket closed'))).toBeUndefined();
    expect(closeCodeOf({ code: 4500 })).toBeUndefined();
  });
});
