import { Counter, Histogram, Registry, collectDefaultMetrics } from './promClientParts.js';
import { FAST_BUCKETS, SLOW_BUCKETS } from './buckets.js';

/**
 * The intake thread's metrics with their own prom-client registry (never the global one, so two bots in one process
 * or test do not share counters): webhook requests, ack and journal latency, dispatch outcomes (the engine's
 * outcomes cross to this thread, which journals them), event-loop lag and process metrics. The engine's own
 * metrics (orders, broker, positions, risk) live in its thread (EngineMetrics); `render` appends their text.
 *
 * The process and event-loop metrics are not registered at construction: prom-client's defaults load ~30 modules
 * (OpenTelemetry's API among them), 25-30 ms that would stand before the first webhook could be answered. The intake
 * registers them a second after its port opens (`collectDefaults`), or the first scrape does if it comes sooner.
 * CPU, memory and handles are cumulative from the process's start; event-loop lag and GC are measured from then on.
 */
export class BotMetrics {
  readonly registry = new Registry();
  readonly #alerts: Counter<'family' | 'outcome' | 'code'>;
  readonly #ack: Histogram<'outcome'>;
  readonly #journalWrite: Histogram<'kind'>;
  readonly #dispatch: Histogram<'plugin' | 'status'>;
  #defaultMetrics: boolean;

  constructor(options: { readonly defaultMetrics?: boolean } = {}) {
    const registers = [this.registry];
    const histogram = <L extends string>(name: string, help: string, labelNames: L[], buckets: number[]) =>
      new Histogram<L>({ name, help, labelNames, buckets, registers });
    this.#defaultMetrics = options.defaultMetrics !== false;
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

  /** Registers the process and event-loop metrics (unless turned off), once. */
  collectDefaults(): void {
    if (!this.#defaultMetrics) return;
    this.#defaultMetrics = false;
    collectDefaultMetrics({ register: this.registry, prefix: 'zepix_' });
  }

  /** The Prometheus text exposition: this thread's metrics, then the engine's (`engineText`). */
  async render(engineText: () => Promise<string>): Promise<string> {
    this.collectDefaults();
    const [own, engine] = await Promise.all([this.registry.metrics(), engineText()]);
    return engine ? `${own.trimEnd()}\n${engine}` : own;
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
