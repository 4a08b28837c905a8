import { SLOW_BUCKETS } from './buckets.js';
import { Counter, Gauge, Histogram, Registry } from './promClientParts.js';

/** One open position as the scrape sees it: owner, symbol and unrealised P/L at the latest price. */
export interface OpenPositionFigure {
  readonly plugin: string;
  readonly symbol: string;
  readonly unrealizedPnl: number;
}

/** One risk cap and how much of it is used. */
export interface RiskFigure {
  readonly cap: 'daily_loss' | 'lifetime_loss' | 'orders_per_minute';
  readonly used: number;
  readonly limit: number;
}

/** What the scrape reads from the running engine; each is called once per scrape. */
export interface MetricsSources {
  readonly openPositions: () => Promise<readonly OpenPositionFigure[]>;
  readonly risk: () => readonly RiskFigure[];
}

/**
 * The engine thread's metrics in their own registry: orders, broker requests, open positions, P/L and risk. The
 * intake asks for their text with the engine command `metrics()` and appends it to its own (the names differ, so
 * the two texts together are one valid exposition).
 */
export class EngineMetrics {
  readonly registry = new Registry();
  readonly #orders: Counter<'plugin' | 'outcome' | 'reason'>;
  readonly #broker: Histogram<'operation' | 'outcome'>;
  readonly #brokerErrors: Counter<'operation' | 'code'>;

  constructor() {
    const registers = [this.registry];
    this.#orders = new Counter({
      name: 'zepix_orders_total',
      help: 'Orders a plugin asked for, by outcome (placed, refused, failed) and the refusal or failure code.',
      labelNames: ['plugin', 'outcome', 'reason'],
      registers,
    });
    this.#broker = new Histogram({
      name: 'zepix_broker_request_seconds',
      help: 'Broker request latency by operation and outcome (ok, rejected, unknown, error).',
      labelNames: ['operation', 'outcome'],
      buckets: SLOW_BUCKETS,
      registers,
    });
    this.#brokerErrors = new Counter({
      name: 'zepix_broker_errors_total',
      help: 'Broker requests that did not succeed, by operation and error code.',
      labelNames: ['operation', 'code'],
      registers,
    });
  }

  order(plugin: string, outcome: 'placed' | 'refused' | 'failed', reason = ''): void {
    this.#orders.inc({ plugin, outcome, reason });
  }

  brokerRequest(operation: string, outcome: string, seconds: number, code?: string): void {
    this.#broker.observe({ operation, outcome }, seconds);
    if (outcome !== 'ok') this.#brokerErrors.inc({ operation, code: code ?? outcome });
  }

  /** Registers the gauges read at scrape time: open positions, unrealised P/L and risk usage. */
  observe(sources: MetricsSources): void {
    const registers = [this.registry];
    const byPosition = (name: string, help: string, value: (f: OpenPositionFigure) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['plugin', 'symbol'],
        registers,
        async collect() {
          const figures = await sources.openPositions();
          this.reset();
          for (const f of figures) this.inc({ plugin: f.plugin, symbol: f.symbol }, value(f));
        },
      });
    byPosition('zepix_open_positions', 'Open positions by plugin and symbol.', () => 1);
    byPosition(
      'zepix_unrealized_pnl',
      'Unrealised P/L in account currency at the latest price, by plugin and symbol.',
      (f) => f.unrealizedPnl,
    );
    const byCap = (name: string, help: string, value: (f: RiskFigure) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['cap'],
        registers,
        collect() {
          for (const f of sources.risk()) this.set({ cap: f.cap }, value(f));
        },
      });
    byCap('zepix_risk_limit', 'Each loss cap of the current tier, in account currency.', (f) => f.limit);
    byCap(
      'zepix_risk_used',
      'Loss counted against each cap (worst case: realised plus open positions at their stop-loss).',
      (f) => f.used,
    );
  }

  /** The Prometheus text exposition of the engine's metrics. */
  render(): Promise<string> {
    return this.registry.metrics();
  }
}
