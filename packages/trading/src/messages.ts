import type { TradeClose } from '@zepix/broker-api';
import type { SymbolBook } from '@zepix/symbols';
import type { ChainRow } from './ChainStore.js';
import type { MonitorRow } from './MonitorStore.js';
import type { OutboxMessage } from './Outbox.js';
import type { UnknownBrokerTrade } from './reconcile.js';
import type { PositionRow } from './rows.js';

const money = (value: number) => `${value < 0 ? '-' : ''}$${Math.abs(value).toFixed(2)}`;
const tag = (plugin: string) => `[${plugin}]`;
const round2 = (value: number) => Math.round(value * 100) / 100;

/** Entry: symbol, direction, plugin, entry, SL and TP with pips, lots, risk in dollars and R:R. */
export function entryMessage(row: PositionRow, symbols: SymbolBook): OutboxMessage {
  const entry = row.entry_price ?? 0;
  const slPips = row.stop_loss === null ? null : symbols.toPips(row.symbol, entry - row.stop_loss);
  const tpPips = row.take_profit === null ? null : symbols.toPips(row.symbol, row.take_profit - entry);
  const riskUsd = slPips === null ? null : round2(slPips * symbols.pipValuePerLot(row.symbol) * row.lots);
  const rr = slPips && tpPips !== null ? round2(tpPips / slPips) : null;
  const parts = [
    `${tag(row.plugin)} ENTRY ${row.direction.toUpperCase()} ${row.symbol} @ ${entry}`,
    `SL ${row.stop_loss ?? 'none'}${slPips === null ? '' : ` (${slPips} pips)`}`,
    `TP ${row.take_profit ?? 'none'}${tpPips === null ? '' : ` (${tpPips} pips)`}`,
    `lots ${row.lots}`,
    `risk ${riskUsd === null ? 'open' : money(riskUsd)}`,
    `R:R ${rr === null ? 'n/a' : `1:${rr}`}`,
    `leg ${row.leg}`,
  ];
  return {
    plugin: row.plugin,
    kind: 'entry',
    text: parts.join(' | '),
    payload: {
      positionId: row.id,
      clientOrderId: row.client_order_id,
      symbol: row.symbol,
      direction: row.direction,
      leg: row.leg,
      origin: row.origin,
      entry,
      stopLoss: row.stop_loss,
      takeProfit: row.take_profit,
      slPips,
      tpPips,
      lots: row.lots,
      riskUsd,
      rr,
      chainId: row.chain_id,
    },
  };
}

/** Exit, SL hit, TP hit or partial close: P&L in dollars and pips, how long the position lived, the day's P&L. */
export function closeMessage(
  row: PositionRow,
  close: TradeClose,
  meta: { by: string; note: string | null; dayPnl: number },
  symbols: SymbolBook,
): OutboxMessage {
  const partial = close.remainingLots > 1e-9;
  const kind = partial ? 'partial_close' : close.reason === 'sl' ? 'sl_hit' : close.reason === 'tp' ? 'tp_hit' : 'exit';
  const signed = (close.closePrice - close.openPrice) * (row.direction === 'buy' ? 1 : -1);
  const pips = round2(symbols.toPips(row.symbol, signed) * Math.sign(signed));
  const openedAt = row.opened_at ?? row.created_at;
  const durationSec = Math.max(0, Math.round((Date.parse(close.closedAt) - Date.parse(openedAt)) / 1000));
  const label = { partial_close: 'PARTIAL CLOSE', sl_hit: 'SL HIT', tp_hit: 'TP HIT', exit: 'EXIT' }[kind];
  const text = [
    `${tag(row.plugin)} ${label} ${row.direction.toUpperCase()} ${row.symbol} @ ${close.closePrice}`,
    `P&L ${money(close.realizedPnl)} (${pips} pips)`,
    `lots ${close.closedLots}${partial ? ` (${close.remainingLots} left)` : ''}`,
    `duration ${formatDuration(durationSec)}`,
    `day ${money(meta.dayPnl)}`,
    ...(meta.note ? [meta.note] : []),
  ].join(' | ');
  return {
    plugin: row.plugin,
    kind,
    text,
    payload: { ...closePayload(row, close, meta, { pips, durationSec }), dayPnl: meta.dayPnl },
  };
}

function closePayload(
  row: PositionRow,
  close: TradeClose,
  meta: { by: string; note: string | null },
  figures: { pips: number; durationSec: number },
): Record<string, unknown> {
  return {
    positionId: row.id,
    clientOrderId: row.client_order_id,
    symbol: row.symbol,
    direction: row.direction,
    closePrice: close.closePrice,
    pnl: close.realizedPnl,
    ...figures,
    closedLots: close.closedLots,
    remainingLots: close.remainingLots,
    reason: close.reason,
    closedBy: meta.by,
    note: meta.note,
  };
}

function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h > 0 ? `${h}h ${m}m` : m > 0 ? `${m}m ${s}s` : `${s}s`;
}

/** A refused or failed order, so the operator sees what did not happen. */
export function orderProblemMessage(
  row: PositionRow,
  kind: 'order_rejected' | 'order_failed' | 'order_unknown',
  code: string,
  reason: string,
): OutboxMessage {
  const label = { order_rejected: 'ORDER REJECTED', order_failed: 'ORDER FAILED', order_unknown: 'ORDER UNCONFIRMED' }[
    kind
  ];
  return {
    plugin: row.plugin,
    kind,
    text: `${tag(row.plugin)} ${label} ${row.direction.toUpperCase()} ${row.symbol} ${row.client_order_id}: ${code}: ${reason}`,
    payload: { positionId: row.id, clientOrderId: row.client_order_id, symbol: row.symbol, code, reason },
  };
}

/** A chain moved up a level, stopped or completed. */
export function chainMessage(
  chain: ChainRow,
  kind: 'chain_level_up' | 'chain_stopped' | 'chain_completed',
  detail: string,
): OutboxMessage {
  const label = {
    chain_level_up: 'CHAIN LEVEL UP',
    chain_stopped: 'CHAIN STOPPED',
    chain_completed: 'CHAIN COMPLETED',
  }[kind];
  return {
    plugin: chain.plugin,
    kind,
    text: `${tag(chain.plugin)} ${label} #${chain.id} ${chain.direction.toUpperCase()} ${chain.symbol}: ${detail}`,
    payload: { chainId: chain.id, symbol: chain.symbol, direction: chain.direction, level: chain.level, detail },
  };
}

/** A re-entry monitor was armed, taken or gave up. */
export function reentryMessage(
  monitor: MonitorRow,
  kind: 'reentry_armed' | 'reentry_taken' | 'reentry_failed',
  detail: string,
): OutboxMessage {
  const label = { reentry_armed: 'RE-ENTRY ARMED', reentry_taken: 'RE-ENTRY TAKEN', reentry_failed: 'RE-ENTRY FAILED' }[
    kind
  ];
  return {
    plugin: monitor.plugin,
    kind,
    text: `${tag(monitor.plugin)} ${label} ${monitor.kind} L${monitor.level} ${monitor.direction.toUpperCase()} ${monitor.symbol}: ${detail}`,
    payload: {
      monitorId: monitor.id,
      kind: monitor.kind,
      level: monitor.level,
      symbol: monitor.symbol,
      direction: monitor.direction,
      triggerPrice: monitor.trigger_price,
      expiresAt: monitor.expires_at,
      detail,
    },
  };
}

/** A system message (risk caps, pause, panic close-all) owned by 'system' or 'operator'. */
export function systemMessage(
  plugin: string,
  kind: string,
  text: string,
  payload: Record<string, unknown>,
): OutboxMessage {
  return { plugin, kind, text: `${tag(plugin)} ${text}`, payload };
}

/** One unknown trade as the operator reads it, with what Zepix knows of it. */
function describeUnknown(t: UnknownBrokerTrade): string {
  const base = `${t.direction.toUpperCase()} ${t.symbol} ${t.lots} lots @ ${t.openPrice} (trade ${t.tradeId})`;
  if (t.zepixState !== undefined) return `${base}, which Zepix recorded as ${t.zepixState}`;
  if (t.zepixClientId) return `${base}, placed by Zepix (client id ${t.clientOrderId}) but not in its records`;
  return base;
}

/** Open trades at the broker that no live Zepix position manages, found at start-up. */
export function unknownTradesMessage(broker: string, trades: readonly UnknownBrokerTrade[]): OutboxMessage {
  const listed = trades.slice(0, 10).map(describeUnknown);
  const more = trades.length > 10 ? `, and ${trades.length - 10} more` : '';
  const text =
    `UNKNOWN TRADES: the ${broker} account holds ${trades.length} open trade(s) Zepix does not manage: ` +
    `${listed.join('; ')}${more}. Zepix leaves them alone (no SL/TP changes, no closes), and its loss caps do ` +
    'not count them: only what they do to the broker balance reaches the risk gate. Close or keep them at the ' +
    'broker. One placed by Zepix but not in its records is an order cut off by a crash: if its alert is still ' +
    'pending, its re-delivery takes it over by client id within a minute';
  return systemMessage('system', 'unknown_trades', text, { broker, trades });
}
