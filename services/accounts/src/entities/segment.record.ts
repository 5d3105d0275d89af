import { accessCondition, MARKETING_ROLES, type RecordType } from '@crm/kernel';
import { Segment } from './segment.entity';

/**
 * Segments are marketing assets (the kernel's `marketingAsset` kind): every role reads them and
 * every role creates them, ANALYSTs included — marketing analysts build segments, and a segment
 * holds rules, not customer data. The creator changes and deletes their own; a MANAGER or ADMIN any.
 * Restoring a deleted one is for ADMINs and MANAGERs (`restoreRecord`).
 */
export const SEGMENT_RECORD: RecordType<Segment> = {
  entity: Segment,
  name: 'Segment',
  audited: ['name', 'description', 'rules'],
  access: (principal, access, alias) => accessCondition(principal, 'marketingAsset', access, { owner: `${alias}.created_by_id`, team: 'NULL::uuid' }),
  writingRoles: MARKETING_ROLES,
};
