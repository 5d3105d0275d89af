import { CrmError, ErrorCode } from './crm-error';

export class NotFoundError extends CrmError {
  constructor(type: string, id: string) {
    super(`${type} ${id} does not exist`, ErrorCode.NotFound, { type, id });
  }
}
