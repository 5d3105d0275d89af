import 'reflect-metadata';
import { validate } from 'class-validator';
import { canonicalJson, idempotencyRequestHash } from './idempotency';
import { IdempotencyKeyField } from './idempotency-key.field';

class KeyedInput {
  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

function keyed(idempotencyKey: string | null | undefined): KeyedInput {
  return Object.assign(new KeyedInput(), { idempotencyKey });
}

describe('canonicalJson', () => {
  it('sorts object keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('leaves out undefined members but keeps null, and serialises dates as ISO strings', () => {
    expect(canonicalJson({ a: undefined, b: null, at: new Date('2026-01-02T03:04:05.006Z') })).toBe('{"at":"2026-01-02T03:04:05.006Z","b":null}');
  });
});

describe('idempotencyRequestHash', () => {
  it('is the same sha256 for the same input in any key order, class instance or plain object', () => {
    class Money {
      amount = '10.00';
      currency = 'EUR';
    }
    const hash = idempotencyRequestHash({ name: 'Globex', amount: new Money() });
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(idempotencyRequestHash({ amount: { currency: 'EUR', amount: '10.00' }, name: 'Globex' })).toBe(hash);
  });

  it('ignores the idempotencyKey itself but tells any other difference apart', () => {
    const hash = idempotencyRequestHash({ name: 'Globex', idempotencyKey: 'k-1' });
    expect(idempotencyRequestHash({ name: 'Globex', idempotencyKey: 'k-2' })).toBe(hash);
    expect(idempotencyRequestHash({ name: 'Globex' })).toBe(hash);
    expect(idempotencyRequestHash({ name: 'Globex Ltd', idempotencyKey: 'k-1' })).not.toBe(hash);
    expect(idempotencyRequestHash({ name: 'Globex', domain: null })).not.toBe(hash);
  });
});

describe('IdempotencyKeyField', () => {
  it('accepts no key, or 1–200 printable ASCII characters', async () => {
    for (const key of [undefined, null, 'a', '4f1c2b9e-3d0a-4c55-9a7e-2b1f0c9d8e7a', 'retry #1 ~ (same)', 'x'.repeat(200)]) {
      expect(await validate(keyed(key))).toEqual([]);
    }
  });

  it('refuses an empty key, one longer than 200 characters, and control or non-ASCII characters', async () => {
    for (const key of ['', 'x'.repeat(201), 'tab\there', 'line\n', 'clé']) {
      const errors = await validate(keyed(key));
      expect(errors.map((error) => error.property)).toEqual(['idempotencyKey']);
    }
  });
});
