import { Router } from 'express';
import { metricsRegistry } from '../metrics/metrics';

export interface ReadinessCheck {
  /** Shown in the `/ready` body, e.g. `database` or `subgraph:accounts`. */
  name: string;
  /** Resolves when the dependency is usable; rejects (with a message) when it is not. */
  check: () => Promise<void>;
}

/**
 * `/health` (the process is alive), `/ready` (its dependencies answer; 503 with the failing ones
 * otherwise) and `/metrics` (Prometheus text). Probes need no token.
 */
export function operationsRouter(checks: ReadinessCheck[]): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/ready', async (_req, res) => {
    const results = await Promise.all(
      checks.map(async ({ name, check }) => {
        try {
          await check();
          return { name, status: 'up' as const };
        } catch (error) {
          return { name, status: 'down' as const, reason: (error as Error).message };
        }
      }),
    );
    const ready = results.every((r) => r.status === 'up');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'degraded', checks: results });
  });
  router.get('/metrics', async (_req, res) => {
    res.type(metricsRegistry.contentType).send(await metricsRegistry.metrics());
  });
  return router;
}
