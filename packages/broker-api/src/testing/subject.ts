import type { BrokerAdapter } from '../index.js';

/**
 * A fault the conformance kit asks a subject to inject. `timeout-after-commit`: the next order is carried out but
 * its answer never arrives. `http-status`: the next `count` requests of the kind fail with that status before the
 * broker acts on them. `market-closed`: the symbol stops trading. `drop-streams`: every open price and
 * transaction stream is cut without a goodbye.
 */
export type ConformanceFault =
  | { readonly kind: 'timeout-after-commit' }
  | {
      readonly kind: 'http-status';
      readonly status: 429 | 503;
      readonly requests: 'orders' | 'reads';
      readonly count: number;
    }
  | { readonly kind: 'market-closed'; readonly symbol: string }
  | { readonly kind: 'drop-streams' };

/** The kinds of fault a subject may support. */
export type ConformanceFaultKind = ConformanceFault['kind'];

/** A market move for the kit: the next bid and ask of one symbol. */
export interface ConformancePrice {
  readonly symbol: string;
  readonly bid: number;
  readonly ask: number;
}

/**
 * One broker under test, fresh for every test: an empty USD account (a balance of at least 10,000) that trades
 * EURUSD at 1 lot = 100,000 units, the adapter over it, and the levers the kit pulls.
 */
export interface ConformanceSubject {
  readonly broker: BrokerAdapter;
  /** Moves the market; the broker itself fills any SL/TP the move crosses. */
  setPrice(price: ConformancePrice): Promise<void>;
  /** The faults `inject` understands; tests needing any other are skipped with a note. */
  readonly faults: readonly ConformanceFaultKind[];
  inject(fault: ConformanceFault): Promise<void>;
  /** Closes the adapter and whatever stands behind it (emulator, files). */
  dispose(): Promise<void>;
}

/** Makes a fresh subject for one test. */
export type ConformanceFactory = () => Promise<ConformanceSubject>;
