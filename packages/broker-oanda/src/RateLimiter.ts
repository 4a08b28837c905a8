/**
 * A token bucket: up to `perSecond` requests in any second, bursts included. OANDA recommends at most 100
 * requests per second on a persistent connection (https://developer.oanda.com/rest-live-v20/best-practices/) and
 * answers 429 past 120 (development-guide/ "Rate Limiting").
 */
export class RateLimiter {
  #tokens: number;
  #updated: number;
  #queue: Promise<void> = Promise.resolve();

  constructor(
    readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(perSecond > 0)) throw new RangeError(`requests per second must be > 0, got ${perSecond}`);
    this.#tokens = perSecond;
    this.#updated = now();
  }

  /** Resolves when a request may go; callers are served in order. */
  take(): Promise<void> {
    if (this.#refill() >= 1) {
      this.#tokens -= 1;
      return Promise.resolve();
    }
    const turn = this.#queue.then(() => this.#wait());
    this.#queue = turn;
    return turn;
  }

  async #wait(): Promise<void> {
    while (this.#refill() < 1) {
      const ms = ((1 - this.#tokens) / this.perSecond) * 1000;
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, ms)));
    }
    this.#tokens -= 1;
  }

  #refill(): number {
    const at = this.now();
    this.#tokens = Math.min(this.perSecond, this.#tokens + ((at - this.#updated) / 1000) * this.perSecond);
    this.#updated = at;
    return this.#tokens;
  }
}
