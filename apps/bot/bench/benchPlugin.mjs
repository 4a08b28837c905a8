/**
 * Source of the plugin the bench loads. It stamps the wall time each alert reaches it, keyed by the alert's own
 * `id`, in its own database; the load generator stamps send times with the same clock, so the difference is the
 * alert → plugin latency across processes. With `plugins.<id>.place_orders: true` an entry also goes through
 * the real order path, and a second stamp is taken once the order is recorded (alert → paper order latency).
 * With `close_opposite: true` an entry then closes the plugin's positions on the other side, as a reversal
 * would: with buys and sells in turn the book stays at one or two positions.
 */
export function benchPluginSource(entry) {
  return `import { performance } from 'node:perf_hooks';
import { BaseLogicPlugin, z } from '@zepix/plugin-core';

// Stop and target around the alert price: reward 4 for risk 2 keeps the gate's reward:risk rule (≥ 1) satisfied
// even after the spread moves the fill.
const STOP_DISTANCE = 2;
const TAKE_DISTANCE = 4;

const wallMs = () => performance.timeOrigin + performance.now();

export class ${entry} extends BaseLogicPlugin {
  static configSchema = z
    .object({
      place_orders: z.boolean().default(false),
      dual_orders: z.boolean().default(false),
      close_opposite: z.boolean().default(false),
    })
    .strict();

  #insert;
  #insertOrder;

  async initialize() {
    // The stamps are the bench's instrument, not trading state: without an fsync per alert the instrument does
    // not compete with the journal's durable commits it is there to observe.
    this.db.pragma('synchronous = NORMAL');
    this.db.exec('CREATE TABLE IF NOT EXISTS received (alert_id TEXT PRIMARY KEY, received_ms REAL NOT NULL)');
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS ordered (alert_id TEXT PRIMARY KEY, ordered_ms REAL NOT NULL, ok INTEGER NOT NULL, code TEXT, client_order_id TEXT)',
    );
    this.#insert = this.db.prepare('INSERT OR REPLACE INTO received VALUES (?, ?)');
    this.#insertOrder = this.db.prepare('INSERT OR REPLACE INTO ordered VALUES (?, ?, ?, ?, ?)');
  }

  #key(alert) {
    return alert.alertId ?? 'journal-' + alert.journalId;
  }

  #record(alert) {
    this.#insert.run(this.#key(alert), wallMs());
    return Promise.resolve({ status: 'ok', message: '${entry} recorded ' + alert.kind });
  }

  async #order(alert) {
    this.#insert.run(this.#key(alert), wallMs());
    const price = alert.price;
    const stopLoss = alert.direction === 'buy' ? price - STOP_DISTANCE : price + STOP_DISTANCE;
    const takeProfit = alert.direction === 'buy' ? price + TAKE_DISTANCE : price - TAKE_DISTANCE;
    const orders = this.services.orderExecution;
    const result = this.config.dual_orders
      ? await orders.placeDualOrder({
          alert,
          direction: alert.direction,
          legs: 'both',
          orderA: { stopLoss, takeProfit },
          orderB: { stopLoss, takeProfit },
        })
      : await orders.placeOrder({ alert, direction: alert.direction, stopLoss, takeProfit });
    // Stamped only after placeOrder has resolved, that is once the position is recorded.
    this.#insertOrder.run(
      this.#key(alert),
      wallMs(),
      result.ok ? 1 : 0,
      result.ok ? null : result.code,
      result.ok ? (result.value.clientOrderId ?? null) : null,
    );
    if (this.config.close_opposite) {
      const opposite = alert.direction === 'buy' ? 'sell' : 'buy';
      await orders.closePositions({ symbol: alert.symbol, direction: opposite, reason: 'bench reversal' });
    }
    if (result.ok) return { status: 'ok', message: '${entry} ordered ' + (result.value.id ?? 'both legs') };
    return { status: 'rejected', message: result.code + ': ' + result.reason };
  }

  processEntrySignal(alert) {
    return this.config.place_orders ? this.#order(alert) : this.#record(alert);
  }

  processExitSignal(alert) {
    return this.#record(alert);
  }

  processReversalSignal(alert) {
    return this.#record(alert);
  }
}
`;
}
