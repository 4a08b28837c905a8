import { createRequire } from 'node:module';
import type * as PromClient from 'prom-client';

/**
 * The prom-client parts the bot uses, loaded from their own files. prom-client's front door also loads the
 * Pushgateway (and with it node:https and TLS), cluster aggregation and Summary, and its default metrics (and with
 * them OpenTelemetry's API): the engine thread uses neither (about 80 modules, 1.2 MB of heap and 2.3 MB resident),
 * the intake thread only the default metrics, and every module loaded is start-up time before the first webhook is
 * answered. prom-client has no `exports` map, so these paths are reachable; its own index.js requires the same
 * files, so they are the same classes.
 */
const requireHere = createRequire(import.meta.url);

export const Counter = requireHere('prom-client/lib/counter.js') as typeof PromClient.Counter;
export type Counter<T extends string = string> = PromClient.Counter<T>;
export const Gauge = requireHere('prom-client/lib/gauge.js') as typeof PromClient.Gauge;
export type Gauge<T extends string = string> = PromClient.Gauge<T>;
export const Histogram = requireHere('prom-client/lib/histogram.js') as typeof PromClient.Histogram;
export type Histogram<T extends string = string> = PromClient.Histogram<T>;
export const Registry = requireHere('prom-client/lib/registry.js') as typeof PromClient.Registry;
export type Registry = PromClient.Registry;

/** Process and event-loop metrics (the intake thread's); loads them only when called. */
export function collectDefaultMetrics(config: Parameters<typeof PromClient.collectDefaultMetrics>[0]): void {
  const collect = requireHere('prom-client/lib/defaultMetrics.js') as typeof PromClient.collectDefaultMetrics;
  collect(config);
}
