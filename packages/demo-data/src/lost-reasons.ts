import type { LostReason } from './book';
import type { GenerationContext } from './context';
import type { PipelineKey } from './pipelines';
import type { Random } from './random';
import { DAY } from './time';

export interface LostReasonTemplate {
  name: string;
  description: string;
  active: boolean;
  /** How often a lost deal of each pipeline gives this reason (relative weights); none for an inactive one. */
  weight: Partial<Record<PipelineKey, number>>;
  /** Notes a rep might add; a lost deal has one of them 40 % of the time. */
  notes: readonly string[];
}

/** The managed list of lost reasons, as an admin would set it up; the last one was retired. */
export const LOST_REASON_TEMPLATES: readonly LostReasonTemplate[] = [
  {
    name: 'Price',
    description: 'Too expensive, or the budget was cut',
    active: true,
    weight: { NEW_BUSINESS: 25, RENEWALS: 30 },
    notes: ['Budget cut for next year', 'Asked for 30% off; we stopped at 10%', 'Procurement chose the cheapest offer'],
  },
  {
    name: 'Competitor',
    description: 'Chose a competing product',
    active: true,
    weight: { NEW_BUSINESS: 25, RENEWALS: 20 },
    notes: ['Went with the incumbent vendor', 'Competitor bundled it with their ERP', 'Lost on the final shortlist'],
  },
  {
    name: 'No decision',
    description: 'The buying committee never decided; the project stalled',
    active: true,
    weight: { NEW_BUSINESS: 20 },
    notes: ['Project put on hold after a reorganisation', 'Stakeholders never aligned'],
  },
  {
    name: 'Timing',
    description: 'Not now; worth revisiting later',
    active: true,
    weight: { NEW_BUSINESS: 15 },
    notes: ['Revisit next fiscal year', 'Frozen until their merger closes'],
  },
  {
    name: 'Missing features',
    description: 'The product lacks a capability they need',
    active: true,
    weight: { NEW_BUSINESS: 15 },
    notes: ['Needed an on-premise option', 'No native integration with their ERP'],
  },
  {
    name: 'Low adoption',
    description: 'The customer\'s team hardly used the product',
    active: true,
    weight: { RENEWALS: 30 },
    notes: ['Only a handful of users ever logged in', 'Their team never finished the training'],
  },
  {
    name: 'Champion left',
    description: 'Our sponsor at the customer left or lost influence',
    active: true,
    weight: { RENEWALS: 20 },
    notes: ['Our sponsor moved to another company', 'New CFO reviewed every vendor'],
  },
  {
    name: 'Went dark',
    description: 'Retired: use "No decision"',
    active: false,
    weight: {},
    notes: [],
  },
];

export function generateLostReasons(ctx: GenerationContext): LostReason[] {
  return LOST_REASON_TEMPLATES.map((template, index) => ({
    id: ctx.id('lost-reason', index),
    name: template.name,
    description: template.description,
    active: template.active,
    createdAt: new Date(ctx.now - 5 * 365 * DAY),
  }));
}

/**
 * Picks the lost reason (and maybe a note) of a lost deal of `pipeline`. Uses its own random stream,
 * so adding lost reasons changed nothing else in the book.
 */
export function lostReasonPicker(reasons: LostReason[], rng: Random): (pipeline: PipelineKey) => { lostReasonId: string; lostReasonNote: string | null } {
  return (pipeline) => {
    const index = rng.weighted(LOST_REASON_TEMPLATES.map((template, i) => [i, template.weight[pipeline] ?? 0] as const));
    const notes = LOST_REASON_TEMPLATES[index]!.notes;
    return { lostReasonId: reasons[index]!.id, lostReasonNote: notes.length > 0 && rng.chance(0.4) ? rng.pick(notes) : null };
  };
}
