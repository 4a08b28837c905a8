import type { EmulatedInstrument } from './emulatorInstruments.js';

/** The latest quote of one instrument, and whether it trades. */
export interface Quote {
  readonly bid: number;
  readonly ask: number;
  readonly time: string;
  readonly tradeable: boolean;
}

/** A trade's stop loss or take profit: a pending order of its own, with its own id. */
export interface DependentOrder {
  readonly id: string;
  readonly type: 'STOP_LOSS' | 'TAKE_PROFIT';
  readonly price: number;
  readonly createTime: string;
}

/** One trade as the emulator keeps it; the wire shape is built from it in `wire.ts`. */
export interface EmulatedTrade {
  readonly id: string;
  readonly instrument: EmulatedInstrument;
  readonly price: number;
  readonly openTime: string;
  readonly initialUnits: number;
  currentUnits: number;
  realizedPL: number;
  closedValue: number;
  state: 'OPEN' | 'CLOSED';
  closeTime?: string;
  readonly closingTransactionIDs: string[];
  readonly clientExtensions?: { readonly id: string; readonly tag?: string; readonly comment?: string };
  stopLoss?: DependentOrder;
  takeProfit?: DependentOrder;
}

/** A transaction as it travels: a flat JSON object with at least `id`, `time`, `type`, `accountID`. */
export type Transaction = Record<string, unknown> & { readonly id: string; readonly type: string };

/** An answer of the emulated REST API: the status and the JSON body. */
export interface ApiAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** Formats a number as v20 sends decimals: a string with a fixed number of places. */
export const decimal = (value: number, places: number): string => value.toFixed(places);

/** P/L and balances travel with four places. */
export const money = (value: number): string => decimal(value, 4);

/** True when `text` has no more than `places` decimals. */
export function fitsPrecision(text: string, places: number): boolean {
  const [, fraction = ''] = text.split('.');
  return fraction.length <= places;
}
