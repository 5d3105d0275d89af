import { containsPattern } from './like-pattern';

describe('containsPattern', () => {
  it('lower-cases the term and escapes LIKE wildcards so they match literally', () => {
    expect(containsPattern('Acme')).toBe('%acme%');
    expect(containsPattern('100%_off\\')).toBe('%100\\%\\_off\\\\%');
  });
});
