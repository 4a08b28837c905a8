/** The broker calls that accept injected faults: the three that act, and the reads reconciliation relies on. */
export type FaultMethod =
  | 'placeMarketOrder'
  | 'closeTrade'
  | 'modifyTrade'
  | 'findByClientOrderId'
  | 'openTrades'
  | 'accountSummary'
  | 'getPrice';

/** The calls that only read: for them `unknown-after` is the same as `unknown-before`. */
export const READ_ONLY_METHODS: ReadonlySet<FaultMethod> = new Set([
  'findByClientOrderId',
  'openTrades',
  'accountSummary',
  'getPrice',
]);

/**
 * How an injected fault answers. `unknown-after` does the work and loses the answer (the ambiguous timeout);
 * `unknown-before` loses the request before the broker saw it; `rejected` refuses it with ZEPIX_PAPER_INJECTED.
 */
export type FaultOutcome = 'unknown-after' | 'unknown-before' | 'rejected';

/**
 * One fault to inject: the next `count` calls (default 1) of `method` answer with `outcome`; a refusal carries
 * `code` (default ZEPIX_PAPER_INJECTED) and `reason`, as a real broker's would.
 */
export interface FaultSpec {
  readonly method: FaultMethod;
  readonly outcome: FaultOutcome;
  readonly count?: number;
  readonly code?: string;
  readonly reason?: string;
}

/** A fault as one call meets it. */
export interface PendingFault {
  readonly outcome: FaultOutcome;
  readonly code?: string;
  readonly reason?: string;
  remaining: number;
}

/** Queues injected faults per method; faults for the same method apply in the order they were injected. */
export class FaultPlan {
  readonly #pending = new Map<FaultMethod, PendingFault[]>();

  /** Adds a fault; a count below 1 or not an integer is refused so a typo cannot silently inject nothing. */
  inject(fault: FaultSpec): void {
    const count = fault.count ?? 1;
    if (!Number.isInteger(count) || count < 1) {
      throw new RangeError(`fault count must be a positive integer, got ${String(fault.count)}`);
    }
    const queue = this.#pending.get(fault.method) ?? [];
    const { outcome, code, reason } = fault;
    queue.push({ outcome, remaining: count, ...(code === undefined ? {} : { code }), ...(reason ? { reason } : {}) });
    this.#pending.set(fault.method, queue);
  }

  /** Consumes one call's worth of fault for `method`, or undefined when none is pending. */
  take(method: FaultMethod): PendingFault | undefined {
    const queue = this.#pending.get(method);
    const head = queue?.[0];
    if (queue === undefined || head === undefined) return undefined;
    head.remaining -= 1;
    if (head.remaining === 0) queue.shift();
    return head;
  }
}

/** The reason given with an injected `unknown` answer. */
export function faultReason(method: FaultMethod, outcome: 'unknown-after' | 'unknown-before'): string {
  if (READ_ONLY_METHODS.has(method)) return `injected fault: ${method} got no answer; ask again`;
  return outcome === 'unknown-after'
    ? `injected fault: ${method} was carried out but its answer was lost; reconcile by client order id`
    : `injected fault: ${method} never reached the paper broker; nothing was done`;
}
