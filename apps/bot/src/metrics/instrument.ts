import { isBrokerRejection } from '@zepix/broker-api';
import type { BrokerAdapter, BrokerResult } from '@zepix/broker-api';
import type { Journal } from '@zepix/journal';
import type { PluginServices, ServiceResult } from '@zepix/plugin-core';
import type { BotMetrics } from './BotMetrics.js';
import type { EngineMetrics } from './EngineMetrics.js';

const seconds = (startedAt: bigint) => Number(process.hrtime.bigint() - startedAt) / 1e9;

/**
 * The journal as the intake and dispatcher see it, with every write counted and timed. A proxy, not a subclass,
 * so the journal's own code is untouched and the other methods pass straight through.
 */
export function measuredJournal(journal: Journal, metrics: BotMetrics | undefined): Journal {
  if (!metrics) return journal;
  const appendAccepted: Journal['appendAccepted'] = async (entry) => {
    const started = process.hrtime.bigint();
    const stored = await journal.appendAccepted(entry);
    metrics.journalWritten('accepted', seconds(started));
    metrics.alertReceived(entry.family, stored.duplicate ? 'duplicate' : 'accepted');
    return stored;
  };
  const appendRejected: Journal['appendRejected'] = async (entry) => {
    const started = process.hrtime.bigint();
    const stored = await journal.appendRejected(entry);
    metrics.journalWritten('rejected', seconds(started));
    metrics.alertReceived('none', entry.status, entry.errorCode);
    return stored;
  };
  const recordOutcome: Journal['recordOutcome'] = (outcome) => {
    journal.recordOutcome(outcome);
    metrics.dispatched(outcome.plugin, outcome.status, outcome.durationMs / 1000);
  };
  const overrides: Record<PropertyKey, unknown> = { appendAccepted, appendRejected, recordOutcome };
  return new Proxy(journal, {
    get(target, property) {
      if (property in overrides) return overrides[property];
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function countOrder(metrics: EngineMetrics, plugin: string, result: ServiceResult<unknown>): void {
  if (result.ok) metrics.order(plugin, 'placed');
  else metrics.order(plugin, result.status === 'rejected' ? 'refused' : 'failed', result.code);
}

/** A plugin's services with its order requests counted: placed, refused (by code) or failed. */
export function measuredServices(
  services: PluginServices,
  plugin: string,
  metrics: EngineMetrics | undefined,
): PluginServices {
  if (!metrics) return services;
  const orders = services.orderExecution;
  const counted =
    <A, T>(call: (options: A) => Promise<ServiceResult<T>>) =>
    async (options: A): Promise<ServiceResult<T>> => {
      try {
        const result = await call(options);
        countOrder(metrics, plugin, result);
        return result;
      } catch (error) {
        metrics.order(plugin, 'failed', 'ZEPIX_ORDER_THREW');
        throw error;
      }
    };
  return {
    ...services,
    orderExecution: {
      placeOrder: counted((o) => orders.placeOrder(o)),
      placeDualOrder: counted((o) => orders.placeDualOrder(o)),
      closePositions: (o) => orders.closePositions(o),
      modifyPosition: (o) => orders.modifyPosition(o),
      getOpenPositions: (o) => orders.getOpenPositions(o),
    },
  };
}

const TIMED_BROKER_CALLS = new Set<PropertyKey>([
  'placeMarketOrder',
  'closeTrade',
  'modifyTrade',
  'openTrades',
  'findByClientOrderId',
  'accountSummary',
  'getPrice',
]);

/** A broker whose requests are timed, and whose non-ok answers and throws are counted as errors. */
export function measuredBroker<B extends BrokerAdapter>(broker: B, metrics: EngineMetrics | undefined): B {
  if (!metrics) return broker;
  return new Proxy(broker, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      const bound = (value as (...a: unknown[]) => unknown).bind(target);
      if (!TIMED_BROKER_CALLS.has(property)) return bound;
      const operation = String(property);
      return async (...args: unknown[]) => {
        const started = process.hrtime.bigint();
        try {
          const result = (await bound(...args)) as BrokerResult<unknown>;
          if (result.ok) metrics.brokerRequest(operation, 'ok', seconds(started));
          else if (isBrokerRejection(result)) {
            metrics.brokerRequest(operation, 'rejected', seconds(started), result.error.brokerCode);
          } else metrics.brokerRequest(operation, 'unknown', seconds(started), result.error.code);
          return result;
        } catch (error) {
          metrics.brokerRequest(operation, 'error', seconds(started), 'ZEPIX_BROKER_THREW');
          throw error;
        }
      };
    },
  });
}
