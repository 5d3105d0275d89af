import { accessCondition, type RecordType } from '@crm/kernel/subgraph';
import { Segment } from './segment.entity';

/**
 * Segments are marketing assets (the kernel's `marketingAsset` kind): every role reads them (a
 * segment holds rules, not customer data); ADMIN, MANAGER and REP create them. The creator changes
 * and deletes their own; a MANAGER or ADMIN any. ANALYSTs write nothing, segments included.
 * Restoring a deleted one is for ADMINs and MANAGERs (`restoreRecord`).
 */
export const SEGMENT_RECORD: RecordType<Segment> = {
  entity: Segment,
  name: 'Segment',
  audited: ['name', 'description', 'rules'],
  access: (principal, access, alias) => accessCondition(principal, 'marketingAsset', access, { owner: `${alias}.created_by_id`, team: 'NULL::uuid' }),
};
