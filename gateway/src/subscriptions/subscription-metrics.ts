import { metricsRegistry } from '@crm/kernel';
import { Counter, Gauge } from 'prom-client';

/** Shared upstream streams open now; at most one per (operation, variables, authorization scope). */
export const activeStreams = new Gauge({ name: 'crm_gateway_subscription_streams', help: 'Shared upstream subscription streams open', registers: [metricsRegistry] });

/** Client subscriptions open now. */
export const activeSubscribers = new Gauge({ name: 'crm_gateway_subscribers', help: 'Client subscriptions open', registers: [metricsRegistry] });

/** Events hydrated (once per stream, whatever its number of subscribers). */
export const eventsHydrated = new Counter({ name: 'crm_gateway_events_hydrated_total', help: 'Subscription events hydrated with fields from other subgraphs', registers: [metricsRegistry] });

/** Subscribers disconnected because their queue overflowed. */
export const slowSubscribersKicked = new Counter({ name: 'crm_gateway_slow_subscribers_total', help: 'Subscribers disconnected for not keeping up', registers: [metricsRegistry] });
