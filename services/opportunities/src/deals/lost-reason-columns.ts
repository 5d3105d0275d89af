import { BadUserInputError } from '@crm/kernel';
import type { Context } from '../context';
import type { LostReason } from '../pipelines/lost-reason.entity';
import type { Opportunity } from './opportunity.entity';
import { StageKind } from '../pipelines/stage-kind.enum';
import type { Stage } from '../pipelines/stage.entity';

/** The lost-reason part of an input that puts a deal into a stage. */
export interface LostReasonInput {
  lostReasonId?: string | null;
  lostReasonNote?: string | null;
}

export type LostReasonColumns = Partial<Pick<Opportunity, 'lostReasonId' | 'lostReasonNote'>>;

/** The reason `input.lostReasonId` names (null when none is named or it does not exist), read before any transaction starts. */
export async function loadLostReason(ctx: Context, input: LostReasonInput): Promise<LostReason | null> {
  return input.lostReasonId ? ctx.loaders.lostReasonById.load(input.lostReasonId) : null;
}

/**
 * The lost-reason columns of a deal that is (or stays) in `stage`, from `input` and the `reason` it
 * names (from `loadLostReason`); `entering` is true when the write puts the deal into `stage`
 * (creating it there, or moving it from another stage). The rule: a deal has a lost reason exactly
 * while it is in a LOST stage.
 * - Entering a LOST stage needs an active `lostReasonId` (BAD_USER_INPUT naming `input.lostReasonId`).
 * - Any other stage refuses `lostReasonId` and `lostReasonNote`; entering one clears both (reopened
 *   or won: the audit trail and the stage history keep the old reason).
 * - A deal staying in its LOST stage may have its reason replaced.
 * A note always comes with its reason. Throws before anything is written; `{}` means no change.
 * Synchronous on purpose: it runs inside the deal's transaction, which must not wait for a second
 * pool connection.
 */
export function lostReasonColumns(input: LostReasonInput, reason: LostReason | null, stage: Stage, entering: boolean): LostReasonColumns {
  const { lostReasonId, lostReasonNote } = input;
  if (stage.kind !== StageKind.LOST) {
    const given = lostReasonId ? 'input.lostReasonId' : lostReasonNote != null ? 'input.lostReasonNote' : null;
    if (given) throw BadUserInputError.field(given, `only a deal in a LOST stage has a lost reason; stage "${stage.name}" is ${stage.kind}`);
    return entering ? { lostReasonId: null, lostReasonNote: null } : {};
  }
  if (!lostReasonId) {
    if (entering) {
      throw BadUserInputError.field('input.lostReasonId', `required when a deal goes into the LOST stage "${stage.name}": the id of an active reason from lostReasons`);
    }
    if (lostReasonNote != null) throw BadUserInputError.field('input.lostReasonNote', 'only together with input.lostReasonId: send the reason with its note');
    return {};
  }
  if (!reason) throw BadUserInputError.field('input.lostReasonId', `expected the id of an active lost reason, got ${lostReasonId}, which does not exist`);
  if (!reason.active) throw BadUserInputError.field('input.lostReasonId', `lost reason "${reason.name}" is deactivated; pick an active one from lostReasons`);
  return { lostReasonId, lostReasonNote: lostReasonNote?.trim() || null };
}
