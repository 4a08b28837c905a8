import type { MetatraderPosition } from '../wire.js';
import { round2 } from './emulatorRules.js';
import type { EmulatedSymbol } from './emulatorSymbols.js';

/** A position as the emulated account keeps it. */
export interface OpenPosition {
  readonly id: string;
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  volume: number;
  readonly openPrice: number;
  stopLoss?: number;
  takeProfit?: number;
  readonly time: Date;
  updateTime: Date;
  readonly clientId?: string;
  readonly comment?: string;
  realizedProfit: number;
}

/** https://metaapi.cloud/docs/client/models/metatraderPosition/ for one open position at `current`. */
export function positionToWire(
  p: OpenPosition,
  at: { spec: EmulatedSymbol; current: number; unrealized: number; brokerTime: string },
): MetatraderPosition {
  const unrealized = round2(at.unrealized);
  return {
    id: p.id,
    type: p.side === 'buy' ? 'POSITION_TYPE_BUY' : 'POSITION_TYPE_SELL',
    symbol: p.symbol,
    magic: 0,
    time: p.time.toISOString(),
    brokerTime: at.brokerTime,
    updateTime: p.updateTime.toISOString(),
    openPrice: p.openPrice,
    currentPrice: at.current,
    currentTickValue: at.spec.tickSize * at.spec.contractSize,
    volume: p.volume,
    profit: round2(unrealized + p.realizedProfit),
    realizedProfit: round2(p.realizedProfit),
    unrealizedProfit: unrealized,
    swap: 0,
    commission: 0,
    ...(p.stopLoss !== undefined ? { stopLoss: p.stopLoss } : {}),
    ...(p.takeProfit !== undefined ? { takeProfit: p.takeProfit } : {}),
    ...(p.clientId !== undefined ? { clientId: p.clientId } : {}),
    ...(p.comment !== undefined ? { comment: p.comment } : {}),
  };
}
