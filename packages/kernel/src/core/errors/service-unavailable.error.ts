import { CrmError, ErrorCode } from './crm-error';

/** A dependency (usually the database) is unreachable; the client may retry. */
export class ServiceUnavailableError extends CrmError {
  constructor(message = 'The service is temporarily unavailable; retry shortly') {
    super(message, ErrorCode.Unavailable, { retryable: true });
  }
}
