import { CrmError, ErrorCode } from './crm-error';

export interface FieldProblem {
  /** Dotted path of the offending argument, e.g. `input.email`. */
  field: string;
  /** What was expected, in words, e.g. `must be an email`. */
  message: string;
}

export class BadUserInputError extends CrmError {
  constructor(message: string, readonly problems: FieldProblem[] = []) {
    super(message, ErrorCode.BadUserInput, problems.length ? { problems } : {});
  }

  static field(field: string, message: string): BadUserInputError {
    return new BadUserInputError(`${field}: ${message}`, [{ field, message }]);
  }

  /** Every problem at once, each naming its field: `Invalid input: input.name: must not be blank; …`. */
  static of(problems: FieldProblem[]): BadUserInputError {
    return new BadUserInputError(invalidInputMessage(problems), problems);
  }
}

/** The message of a refusal listing `problems`, the same for hand-raised and class-validator ones. */
export function invalidInputMessage(problems: FieldProblem[]): string {
  return `Invalid input: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`;
}
