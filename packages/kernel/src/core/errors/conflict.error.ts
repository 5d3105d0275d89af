import { CrmError, ErrorCode } from './crm-error';

export class ConflictError extends CrmError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message, ErrorCode.Conflict, details);
  }
}
