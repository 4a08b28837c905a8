/** Values kept for a short time, so a burst of orders does not ask MetaApi the same thing many times a second. */
export class FreshCache<T> {
  readonly #entries = new Map<string, { value: T; at: number }>();

  constructor(
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The value stored for `key` if it is younger than the cache's age limit. */
  get(key: string): T | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined || this.now() - entry.at >= this.maxAgeMs) return undefined;
    return entry.value;
  }

  set(key: string, value: T): void {
    if (this.maxAgeMs > 0) this.#entries.set(key, { value, at: this.now() });
  }

  /** Changes a stored value in place, keeping its age (e.g. one more open trade after an order of ours). */
  amend(key: string, change: (value: T) => T): void {
    const entry = this.#entries.get(key);
    if (entry !== undefined) entry.value = change(entry.value);
  }

  clear(): void {
    this.#entries.clear();
  }
}
