import type { Logger } from 'pino';
import { formatDaily } from './commands/reports.js';
import type { OperatorPort } from './ports.js';

/** Long timers drift and are capped by Node at ~24.8 days; re-aim at least this often. */
const MAX_TIMER_MS = 60 * 60_000;

/** The next `HH:MM` UTC strictly after `now`. */
export function nextRunAt(now: Date, hhmm: string): Date {
  const [hours, minutes] = hhmm.split(':').map(Number);
  const next = new Date(now.getTime());
  next.setUTCHours(hours ?? 0, minutes ?? 0, 0, 0);
  if (next.getTime() <= now.getTime()) next.setUTCDate(next.getUTCDate() + 1);
  return next;
}

/** What the scheduler needs. */
export interface DailySummaryOptions {
  readonly at: string;
  readonly operator: OperatorPort;
  readonly now: () => Date;
  readonly logger: Logger;
  /** Queues the summary (HTML) for the analytics chat. */
  send(html: string): void;
}

/** Sends `operator.daily()` to the analytics chat once a day at the configured UTC time. */
export class DailySummary {
  readonly #options: DailySummaryOptions;
  #timer: NodeJS.Timeout | null = null;
  #target: Date | null = null;
  #stopped = false;

  constructor(options: DailySummaryOptions) {
    this.#options = options;
  }

  /** Arms the timer for the next run. */
  start(): void {
    this.#target = nextRunAt(this.#options.now(), this.#options.at);
    this.#arm();
  }

  /** Cancels the timer; idempotent. */
  stop(): void {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #arm(): void {
    if (this.#stopped || !this.#target) return;
    const wait = this.#target.getTime() - this.#options.now().getTime();
    this.#timer = setTimeout(() => void this.#tick(), Math.min(Math.max(0, wait), MAX_TIMER_MS));
    this.#timer.unref();
  }

  async #tick(): Promise<void> {
    if (this.#stopped || !this.#target) return;
    const target = this.#target;
    if (this.#options.now().getTime() < target.getTime()) return this.#arm();
    // Aim at the run after this one before sending, so a slow operator call cannot trigger a second summary.
    this.#target = nextRunAt(target, this.#options.at);
    this.#arm();
    try {
      this.#options.send(formatDaily(await this.#options.operator.daily()).value);
    } catch (error) {
      this.#options.logger.error({ err: error, code: 'ZEPIX_TELEGRAM_OPERATOR_FAILED' }, 'daily summary failed');
    }
  }
}
