import { describe, expect, it } from 'vitest';
import { InstrumentBook } from './InstrumentBook.js';
import { closeReason, knownTrade, reductions, text, toBrokerTrade, toTradeClose } from './translate.js';

const book = new InstrumentBook(
  [{ name: 'XAU_USD', type: 'METAL', displayPrecision: 3, tradeUnitsPrecision: 0, minimumTradeSize: '1' }],
  { GOLD: 'XAU_USD' },
);

const openTrade = {
  id: '42',
  instrument: 'XAU_USD',
  price: '2650.125',
  openTime: '2026-03-02T10:00:00.000000000Z',
  initialUnits: '-30',
  currentUnits: '-20',
  state: 'OPEN',
  unrealizedPL: '-12.5',
  clientExtensions: { id: 'z-1' },
  stopLossOrder: { price: '2660.000' },
  takeProfitOrder: { price: '2640.000' },
};

/** What every view of `openTrade` shares. */
const identity = { tradeId: '42', clientOrderId: 'z-1', symbol: 'GOLD', direction: 'sell', openPrice: 2650.125 };
const opened = { ...identity, openedAt: '2026-03-02T10:00:00.000000000Z' };

describe('trades from OANDA', () => {
  it('keeps what describes later closes: id, client id, mapped symbol, side and units open', () => {
    expect(knownTrade(openTrade, book)).toEqual({
      ...identity,
      instrument: 'XAU_USD',
      units: 20,
      after: new Map(),
    });
    expect(knownTrade({ ...openTrade, initialUnits: '30' }, book).direction).toBe('buy');
    expect(knownTrade({}, book)).toMatchObject({ tradeId: '', clientOrderId: '', openPrice: 0, units: 0 });
  });

  it('maps an open trade with its levels and open P/L', () => {
    expect(toBrokerTrade(openTrade, book)).toEqual({
      ...opened,
      stopLoss: 2660,
      takeProfit: 2640,
      lots: 0.2,
      unrealizedPnl: -12.5,
    });
  });

  it('maps a closed trade with its initial size and realised P/L, and no levels when it has none', () => {
    const { stopLossOrder: _sl, takeProfitOrder: _tp, ...bare } = openTrade;
    const closed = toBrokerTrade(
      { ...bare, state: 'CLOSED', averageClosePrice: '2640.5', closeTime: 'T1', realizedPL: '288.75' },
      book,
    );
    expect(closed).toStrictEqual({
      ...opened,
      lots: 0.3,
      closed: true,
      closePrice: 2640.5,
      closedAt: 'T1',
      realizedPnl: 288.75,
    });
  });

  it('takes text fields only when they are text', () => {
    expect(text('a')).toBe('a');
    expect(text(5)).toBe('');
    expect(text(undefined, 'fallback')).toBe('fallback');
  });
});

describe('closes from fills', () => {
  it('names stop-loss fills of every kind sl, take-profit tp, anything else manual', () => {
    for (const reason of ['STOP_LOSS_ORDER', 'TRAILING_STOP_LOSS_ORDER', 'GUARANTEED_STOP_LOSS_ORDER'])
      expect(closeReason(reason)).toBe('sl');
    expect(closeReason('TAKE_PROFIT_ORDER')).toBe('tp');
    for (const reason of ['MARKET_ORDER_TRADE_CLOSE', 'MARGIN_CLOSEOUT', undefined])
      expect(closeReason(reason)).toBe('manual');
  });

  it('lists every closed trade and the reduced one', () => {
    const a = { tradeID: '1', units: '10' };
    const b = { tradeID: '2', units: '5' };
    const r = { tradeID: '3', units: '1' };
    expect(reductions({ tradesClosed: [a, b], tradeReduced: r })).toEqual([a, b, r]);
    expect(reductions({ tradesClosed: [a] })).toEqual([a]);
    expect(reductions({ tradeReduced: r })).toEqual([r]);
    expect(reductions({ tradesClosed: 'nonsense', tradeReduced: null })).toEqual([]);
  });

  it('turns a reduction into a close and counts a fill seen twice once', () => {
    const trade = knownTrade(openTrade, book);
    const fill = { id: 'f1', reason: 'TAKE_PROFIT_ORDER', time: 'T2' };
    const reduce = { tradeID: '42', units: '5', price: '2640.000', realizedPL: '50.62' };
    const close = toTradeClose(reduce, fill, trade, book);
    expect(close).toEqual({
      ...identity,
      closedLots: 0.05,
      remainingLots: 0.15,
      closePrice: 2640,
      realizedPnl: 50.62,
      reason: 'tp',
      closedAt: 'T2',
    });
    expect(trade.units).toBe(15);
    expect(toTradeClose(reduce, fill, trade, book).remainingLots).toBe(0.15); // the stream repeats the answer
    expect(trade.units).toBe(15);
    const rest = toTradeClose({ ...reduce, units: '20' }, { ...fill, id: 'f2' }, trade, book);
    expect(rest.remainingLots).toBe(0);
    expect(trade.units).toBe(0);
  });
});
