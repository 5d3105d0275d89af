import { CrmError, ErrorCode } from './crm-error';

export class ForbiddenError extends CrmError {
  constructor(message: string) {
    super(message, ErrorCode.Forbidden);
  }
}
