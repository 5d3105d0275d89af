import { CrmError, ErrorCode } from './crm-error';

export class UnauthenticatedError extends CrmError {
  constructor(message = 'A valid bearer token is required: send "Authorization: Bearer <token>"') {
    super(message, ErrorCode.Unauthenticated, { http: { status: 401 } });
  }
}
