/** The REST resources a fault can target (default `trade`); `any` matches every request. */
export type FaultTarget =
  | 'trade'
  | 'account-information'
  | 'positions'
  | 'symbols'
  | 'specification'
  | 'current-price'
  | 'history-deals'
  | 'history-orders'
  /** Every GET. */
  | 'reads'
  | 'any';

/**
 * A fault the emulator injects into the next `count` (default 1) matching requests.
 * - `timeout-after-commit`: the trade is executed, the answer never comes (the ambiguous case).
 * - `timeout`: nothing is executed and no answer comes.
 * - `http-error`: answers `status` (default 500) with an InternalError body; with `afterCommit` the trade is
 *   executed first (a 5xx after the broker acted).
 * - `rate-limit`: answers 429 TooManyRequestsError with `recommendedRetryTime` `retryAfterMs` from now.
 * - `return-code`: a trade answers HTTP 200 with this MetaTrader return code and does nothing.
 */
export type EmulatorFault = { readonly target?: FaultTarget; readonly count?: number } & (
  | { readonly kind: 'timeout-after-commit' }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'http-error'; readonly status?: number; readonly afterCommit?: boolean }
  | { readonly kind: 'rate-limit'; readonly retryAfterMs: number }
  | {
      readonly kind: 'return-code';
      readonly numericCode: number;
      readonly stringCode: string;
      readonly message?: string;
    }
);

interface Pending {
  readonly fault: EmulatorFault;
  remaining: number;
}

/** Faults in injection order; each request takes the first one that targets it. */
export class FaultQueue {
  readonly #pending: Pending[] = [];

  inject(fault: EmulatorFault): void {
    const count = fault.count ?? 1;
    if (!Number.isInteger(count) || count < 1) {
      throw new RangeError(`fault count must be a positive integer, got ${String(fault.count)}`);
    }
    this.#pending.push({ fault, remaining: count });
  }

  take(target: Exclude<FaultTarget, 'any' | 'reads'>): EmulatorFault | undefined {
    const index = this.#pending.findIndex((p) => {
      const wanted = p.fault.target ?? 'trade';
      return wanted === target || wanted === 'any' || (wanted === 'reads' && target !== 'trade');
    });
    const entry = this.#pending[index];
    if (entry === undefined) return undefined;
    entry.remaining -= 1;
    if (entry.remaining === 0) this.#pending.splice(index, 1);
    return entry.fault;
  }
}
