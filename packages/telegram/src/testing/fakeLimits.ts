/** Flood limits the fake Bot API enforces per bot token; `false` turns them off. */
export interface FakeLimits {
  readonly perChatPerSecond?: number;
  readonly perGroupPerMinute?: number;
  readonly overallPerSecond?: number;
}

/** Telegram's long-standing guidance: ~1 msg/s per chat, 20/min per group, ~30/s overall. */
export const DEFAULT_FAKE_LIMITS = { perChatPerSecond: 1, perGroupPerMinute: 20, overallPerSecond: 30 } as const;

/** Network jitter between the bot's clock and ours; a bot pacing exactly at the limit should not be punished. */
const TOLERANCE_MS = 25;

class Window {
  readonly #stamps: number[] = [];

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Milliseconds until one more send fits, 0 when it fits now. */
  waitMs(now: number): number {
    const since = now - this.windowMs + TOLERANCE_MS;
    while (this.#stamps.length > 0 && (this.#stamps[0] ?? 0) <= since) this.#stamps.shift();
    if (this.#stamps.length < this.limit) return 0;
    return (this.#stamps[this.#stamps.length - this.limit] ?? now) - since;
  }

  add(now: number): void {
    this.#stamps.push(now);
  }
}

function perSecond(rate: number): Window {
  return rate >= 1 ? new Window(Math.floor(rate), 1000) : new Window(1, 1000 / rate);
}

/** Sliding windows per token, per chat and per group; answers how long a sender must wait (as Telegram's retry_after). */
export class FakeLimiter {
  readonly #limits: Required<FakeLimits>;
  readonly #windows = new Map<string, Window>();

  constructor(limits: FakeLimits) {
    this.#limits = { ...DEFAULT_FAKE_LIMITS, ...limits };
  }

  /** Null when the send is allowed (and counted); otherwise the whole seconds to wait, at least 1. */
  take(token: string, chatId: number | string, group: boolean, now = Date.now()): number | null {
    const windows = [
      this.#window(`o:${token}`, () => perSecond(this.#limits.overallPerSecond)),
      this.#window(`c:${token}:${chatId}`, () => perSecond(this.#limits.perChatPerSecond)),
      ...(group
        ? [this.#window(`g:${token}:${chatId}`, () => new Window(this.#limits.perGroupPerMinute, 60_000))]
        : []),
    ];
    const wait = Math.max(...windows.map((window) => window.waitMs(now)));
    if (wait > 0) return Math.max(1, Math.ceil(wait / 1000));
    for (const window of windows) window.add(now);
    return null;
  }

  #window(key: string, create: () => Window): Window {
    let window = this.#windows.get(key);
    if (!window) {
      window = create();
      this.#windows.set(key, window);
    }
    return window;
  }
}
