import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Seconds buckets for fast in-process steps (journal write, ack): 0.1 ms to 1 s. */
const FAST_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];
/** Seconds buckets for plugin calls and broker requests: 1 ms to 10 s. */
const SLOW_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

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

/** What the scrape reads from the running bot; each is called once per scrape. */
export interface MetricsSources {
  readonly openPositions: () => Promise<readonly OpenPositionFigure[]>;
  readonly risk: () => readonly RiskFigure[];
}

/**
 * Every Zepix metric in one object with its own prom-client registry (never the global one, so two bots in one
 * process or test do not share counters). Recording is a method call, so the code that records needs only this
 * object, wherever it runs.
 */
export class BotMetrics {
  readonly registry = new Registry();
  readonly #alerts: Counter<'family' | 'outcome' | 'code'>;
  readonly #ack: Histogram<'outcome'>;
  readonly #journalWrite: Histogram<'kind'>;
  readonly #dispatch: Histogram<'plugin' | 'status'>;
  readonly #orders: Counter<'plugin' | 'outcome' | 'reason'>;
  readonly #broker: Histogram<'operation' | 'outcome'>;
  readonly #brokerErrors: Counter<'operation' | 'code'>;

  constructor(options: { readonly defaultMetrics?: boolean } = {}) {
    const registers = [this.registry];
    const histogram = <L extends string>(name: string, help: string, labelNames: L[], buckets: number[]) =>
      new Histogram<L>({ name, help, labelNames, buckets, registers });
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: 'zepix_' });
    this.#alerts = new Counter({
      name: 'zepix_alerts_received_total',
      help: 'Webhook requests journaled, by alert family and outcome (accepted, duplicate, rejected, unauthorized).',
      labelNames: ['family', 'outcome', 'code'],
      registers,
    });
    this.#ack = histogram(
      'zepix_webhook_ack_seconds',
      'Time from receiving a webhook request to sending its answer.',
      ['outcome'],
      FAST_BUCKETS,
    );
    this.#journalWrite = histogram(
      'zepix_journal_write_seconds',
      'Time to store one webhook request in the journal (group commit included).',
      ['kind'],
      FAST_BUCKETS,
    );
    this.#dispatch = histogram(
      'zepix_dispatch_seconds',
      'Time a plugin took for one alert, by plugin and outcome (ok, skipped, failed, timeout, ...).',
      ['plugin', 'status'],
      SLOW_BUCKETS,
    );
    this.#orders = new Counter({
      name: 'zepix_orders_total',
      help: 'Orders a plugin asked for, by outcome (placed, refused, failed) and the refusal or failure code.',
      labelNames: ['plugin', 'outcome', 'reason'],
      registers,
    });
    this.#broker = histogram(
      'zepix_broker_request_seconds',
      'Broker request latency by operation and outcome (ok, rejected, unknown, error).',
      ['operation', 'outcome'],
      SLOW_BUCKETS,
    );
    this.#brokerErrors = new Counter({
      name: 'zepix_broker_errors_total',
      help: 'Broker requests that did not succeed, by operation and error code.',
      labelNames: ['operation', 'code'],
      registers,
    });
  }

  /** One webhook request journaled; `family` is 'none' when the body never parsed. */
  alertReceived(family: string, outcome: string, code = ''): void {
    this.#alerts.inc({ family, outcome, code });
  }

  webhookAnswered(outcome: string, seconds: number): void {
    this.#ack.observe({ outcome }, seconds);
  }

  journalWritten(kind: 'accepted' | 'rejected', seconds: number): void {
    this.#journalWrite.observe({ kind }, seconds);
  }

  dispatched(plugin: string, status: string, seconds: number): void {
    this.#dispatch.observe({ plugin, status }, seconds);
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

  /** The Prometheus text exposition. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
