import { IsOptional, IsUUID, MaxLength } from 'class-validator';
import { Field, ID } from 'type-graphql';

/** Longest `lostReasonNote`: a few sentences, not a report. */
export const MAX_LOST_REASON_NOTE = 2000;

function combine(decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, property) => {
    for (const decorate of decorators) decorate(target, property);
  };
}

/**
 * The optional `lostReasonId` of the inputs that put a deal into a stage (create, move, update),
 * declared once so the rule and its description cannot drift between them. Checked by `lostReasonColumns`.
 */
export function LostReasonIdField(): PropertyDecorator {
  return combine([
    Field(() => ID, {
      nullable: true,
      description:
        'Why the deal was lost: an active reason from `lostReasons`. Required when the deal goes into a LOST stage, refused for any other stage; ' +
        'on a deal already in a LOST stage it replaces the recorded reason',
    }),
    IsOptional(),
    IsUUID(),
  ]);
}

/** The optional `lostReasonNote` next to `lostReasonId`. */
export function LostReasonNoteField(): PropertyDecorator {
  return combine([
    Field(() => String, {
      nullable: true,
      description: `Free text on why the deal was lost, at most ${MAX_LOST_REASON_NOTE} characters; only together with \`lostReasonId\``,
    }),
    IsOptional(),
    MaxLength(MAX_LOST_REASON_NOTE),
  ]);
}
