import { Client } from 'pg';
import type { Logger } from 'pino';
import { sleep } from './wake-signal';

export interface PostgresNotificationListenerOptions {
  /** postgres:// URL; the listener holds one connection of its own, outside the pool. */
  url: string;
  logger: Logger;
  /** Shown in `pg_stat_activity`. Default `crm-listener`. */
  applicationName?: string;
  /** First reconnect delay after the connection drops, doubled per failed attempt (with jitter). Default 250 ms. */
  initialBackoffMs?: number;
  /** Longest reconnect delay. Default 10 000 ms. */
  maxBackoffMs?: number;
}

/**
 * Called with the NOTIFY payload, or with `null` after a reconnect: notifications sent while the
 * connection was down are lost (PostgreSQL does not queue them for a listener that is gone), so
 * every handler must then catch up from its durable log.
 */
export type NotificationHandler = (payload: string | null) => void;

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * The process's one LISTEN connection (a pg `Client`, not a pooled connection: LISTEN belongs to a
 * session). Fans notifications out to handlers per channel and reconnects with backoff when the
 * database drops it. NOTIFY is only a wake-up: it is lost for a disconnected listener, so readers
 * always read the durable log and also poll now and then.
 */
export class PostgresNotificationListener {
  private readonly handlers = new Map<string, Set<NotificationHandler>>();
  private client: Client | null = null;
  private closed = false;
  private reconnecting: Promise<void> | null = null;
  private readonly stopReconnecting = new AbortController();

  constructor(private readonly options: PostgresNotificationListenerOptions) {}

  /** True while the LISTEN connection is up. */
  get connected(): boolean {
    return this.client !== null;
  }

  /** Connects and listens on every channel registered so far; rejects when the first connection fails. */
  async start(): Promise<void> {
    if (this.client || this.closed) return;
    this.client = await this.connect();
  }

  /**
   * Calls `handler` for every notification on `channel` until the returned function is called.
   * Channels registered after `start()` are listened to at once.
   */
  listen(channel: string, handler: NotificationHandler): () => void {
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      const client = this.client;
      client?.query(`LISTEN ${quoteIdentifier(channel)}`).catch((error) => this.lost(client, error));
    }
    set.add(handler);
    return () => {
      set.delete(handler);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopReconnecting.abort();
    const client = this.client;
    this.client = null;
    await this.reconnecting;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<Client> {
    const client = new Client({
      connectionString: this.options.url,
      application_name: this.options.applicationName ?? 'crm-listener',
      // A dead peer is found by TCP keep-alive; the readers' safety poll covers the time until then.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    client.on('notification', (message) => this.dispatch(message.channel, message.payload ?? null));
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      for (const channel of this.handlers.keys()) await client.query(`LISTEN ${quoteIdentifier(channel)}`);
    } catch (error) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      throw error;
    }
    return client;
  }

  private dispatch(channel: string, payload: string | null): void {
    for (const handler of this.handlers.get(channel) ?? []) {
      try {
        handler(payload);
      } catch (error) {
        this.options.logger.error({ err: error, channel }, 'notification handler failed');
      }
    }
  }

  private lost(client: Client, error?: Error): void {
    if (this.client !== client || this.closed) return;
    this.client = null;
    this.options.logger.warn({ err: error }, 'lost the LISTEN connection to PostgreSQL; reconnecting');
    client.end().catch(() => undefined);
    this.reconnecting ??= this.reconnect().finally(() => {
      this.reconnecting = null;
    });
  }

  private async reconnect(): Promise<void> {
    const initial = this.options.initialBackoffMs ?? 250;
    const max = this.options.maxBackoffMs ?? 10_000;
    for (let attempt = 0; !this.closed; attempt++) {
      const delay = Math.min(max, initial * 2 ** attempt);
      await sleep(delay / 2 + Math.random() * (delay / 2), this.stopReconnecting.signal);
      if (this.closed) return;
      try {
        const client = await this.connect();
        if (this.closed) {
          await client.end().catch(() => undefined);
          return;
        }
        this.client = client;
        this.options.logger.info({ attempts: attempt + 1 }, 'LISTEN connection to PostgreSQL restored');
        // Whatever was notified meanwhile is gone: wake everyone to catch up from the log.
        for (const channel of this.handlers.keys()) this.dispatch(channel, null);
        return;
      } catch (error) {
        this.options.logger.warn({ err: error, attempt: attempt + 1 }, 'PostgreSQL LISTEN reconnect failed');
      }
    }
  }
}
