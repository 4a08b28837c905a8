/**
 * A sliding-window limiter: at most `limit` sends in any `windowMs`. Slots are reserved synchronously and in
 * order, so concurrent callers queue fairly instead of racing for the same slot.
 */
export class RateWindow {
  readonly limit: number;
  readonly windowMs: number;
  readonly #stamps: number[] = [];

  constructor(limit: number, windowMs: number) {
    this.limit = Math.max(1, Math.floor(limit));
    this.windowMs = windowMs;
  }

  /** A window allowing `perSecond` sends a second; fractions below one become one send per `1/perSecond` s. */
  static perSecond(perSecond: number): RateWindow {
    return perSecond >= 1 ? new RateWindow(perSecond, 1000) : new RateWindow(1, 1000 / perSecond);
  }

  /** A window allowing `perMinute` sends a minute. */
  static perMinute(perMinute: number): RateWindow {
    return new RateWindow(perMinute, 60_000);
  }

  /** Reserves the earliest free slot at or after `now` (ms) and returns its time. */
  reserve(now: number): number {
    while (this.#stamps.length > 0 && (this.#stamps[0] ?? 0) <= now - this.windowMs) this.#stamps.shift();
    const last = this.#stamps[this.#stamps.length - 1] ?? now;
    const blocking = this.#stamps[this.#stamps.length - this.limit];
    const at = Math.max(now, last, blocking === undefined ? now : blocking + this.windowMs);
    this.#stamps.push(at);
    return at;
  }
}
