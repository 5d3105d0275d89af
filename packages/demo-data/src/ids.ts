import { createHash } from 'node:crypto';

export type EntityKind =
  | 'team'
  | 'user'
  | 'account'
  | 'contact'
  | 'pipeline'
  | 'stage'
  | 'lost-reason'
  | 'opportunity'
  | 'stage-change'
  | 'committee-member'
  | 'activity';

/**
 * A v4-shaped UUID derived from sha256(kind, index, seed): stable across runs and
 * processes, so services generating the same book agree on every id.
 */
export function deterministicUuid(seed: number, kind: EntityKind, index: number): string {
  const bytes = createHash('sha256').update(`crm-demo-data/${seed}/${kind}/${index}`).digest();
  bytes[6] = (bytes[6]! & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.toString('hex', 0, 16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
