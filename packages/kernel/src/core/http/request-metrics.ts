import type { RequestHandler } from 'express';
import { httpRequestDuration } from '../metrics/metrics';

/** Times every HTTP request into `crm_http_request_duration_seconds`, by route (`/graphql` or other) and status. */
export function requestMetrics(): RequestHandler {
  return (req, res, next) => {
    const stop = httpRequestDuration.startTimer();
    // Read now: by the time the response finishes, the '/graphql' mount has stripped req.path to '/'.
    const route = req.path === '/graphql' ? '/graphql' : 'other';
    res.on('finish', () => stop({ route, status: String(res.statusCode) }));
    next();
  };
}
