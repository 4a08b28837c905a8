/** How an injected fault answers: a refusal, or `unknown` before or after the broker acted. */
export type FakeFault = 'rejected' | 'unknown-before' | 'unknown-after';

/** Broker calls that accept injected faults. */
export type FakeOperation =
  'placeMarketOrder' | 'closeTrade' | 'modifyTrade' | 'findByClientOrderId' | 'accountSummary' | 'getPrice';

/** One injected fault and how many more calls it hits. */
export interface FaultSpec {
  readonly fault: FakeFault;
  remaining: number;
  readonly code: string;
  readonly reason: string;
}

type Failure =
  | { readonly status: 'rejected'; readonly code: string; readonly reason: string }
  | { readonly status: 'unknown'; readonly reason: string };

/** Faults waiting per operation, used in the order they were injected. */
export class FaultQueue {
  readonly #faults = new Map<FakeOperation, FaultSpec[]>();

  /** Makes the next `times` calls of `operation` fail this way (default once). */
  inject(
    operation: FakeOperation,
    fault: FakeFault,
    options: { readonly times?: number; readonly code?: string; readonly reason?: string } = {},
  ): void {
    const list = this.#faults.get(operation) ?? [];
    list.push({
      fault,
      remaining: options.times ?? 1,
      code: options.code ?? 'FAKE_REJECTED',
      reason: options.reason ?? `injected ${fault} on ${operation}`,
    });
    this.#faults.set(operation, list);
  }

  /** The fault for this call of `operation`, if any. */
  take(operation: FakeOperation): FaultSpec | undefined {
    const list = this.#faults.get(operation);
    const spec = list?.[0];
    if (list === undefined || spec === undefined) return undefined;
    spec.remaining--;
    if (spec.remaining <= 0) list.shift();
    return spec;
  }
}

/** The answer a fault gives before the broker acts; a read-only call treats 'unknown-after' as unknown too. */
export function failBefore(spec: FaultSpec | undefined, readOnly = false): Failure | undefined {
  if (spec === undefined) return undefined;
  if (spec.fault === 'rejected') return { status: 'rejected', code: spec.code, reason: spec.reason };
  if (spec.fault === 'unknown-before' || readOnly) return { status: 'unknown', reason: spec.reason };
  return undefined;
}

/** The answer an 'unknown-after' fault gives once the broker has acted. */
export function failAfter(spec: FaultSpec | undefined): Failure | undefined {
  return spec?.fault === 'unknown-after' ? { status: 'unknown', reason: spec.reason } : undefined;
}
