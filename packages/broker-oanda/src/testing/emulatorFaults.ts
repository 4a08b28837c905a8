/**
 * Faults the emulator can inject. `timeout-after-commit`: the next order is carried out and its answer never
 * sent. `http-status`: the next `count` requests of the kind answer that status before anything is done (429 as
 * OANDA throttles, https://developer.oanda.com/rest-live-v20/development-guide/ "Rate Limiting"; 5xx as an
 * outage). `reject`: the next order is refused with a 400 and that reason. `drop-streams`: every open stream is
 * cut and new stream connections wait until `resumeStreams()`.
 */
export type EmulatorFault =
  | { readonly kind: 'timeout-after-commit' }
  | {
      readonly kind: 'http-status';
      readonly status: number;
      readonly requests: 'orders' | 'reads';
      readonly count: number;
    }
  | { readonly kind: 'reject'; readonly reason: string }
  | { readonly kind: 'drop-streams' };

/** The pending faults, consumed request by request. */
export class EmulatorFaults {
  timeoutNextOrder = false;
  rejectNextOrder: string | undefined;
  readonly #statuses: { status: number; requests: 'orders' | 'reads'; remaining: number }[] = [];

  add(fault: EmulatorFault): void {
    if (fault.kind === 'timeout-after-commit') this.timeoutNextOrder = true;
    if (fault.kind === 'reject') this.rejectNextOrder = fault.reason;
    if (fault.kind === 'http-status') {
      this.#statuses.push({ status: fault.status, requests: fault.requests, remaining: fault.count });
    }
  }

  /** The status a request of this kind must answer now, if any. */
  takeStatus(requests: 'orders' | 'reads'): number | undefined {
    const index = this.#statuses.findIndex((entry) => entry.requests === requests);
    const entry = this.#statuses[index];
    if (entry === undefined) return undefined;
    entry.remaining -= 1;
    if (entry.remaining === 0) this.#statuses.splice(index, 1);
    return entry.status;
  }
}
