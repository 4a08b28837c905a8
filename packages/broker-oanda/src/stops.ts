import type { PriceTick, Side } from '@zepix/broker-api';

/**
 * Why new SL/TP levels cannot be set now, or undefined. v20 fills a dependent order whose level the market has
 * already crossed at once (the `…OrderFillTransaction` of PUT trades/{id}/orders), which would close the trade;
 * the adapter refuses such a level instead, judged like OANDA does: a long's orders against the bid, a short's
 * against the ask.
 */
export function stopsProblem(
  direction: Side,
  tick: PriceTick,
  stopLoss?: number,
  takeProfit?: number,
): string | undefined {
  const long = direction === 'buy';
  const exit = long ? tick.bid : tick.ask;
  const side = long ? 'bid' : 'ask';
  if (stopLoss !== undefined && (long ? stopLoss >= exit : stopLoss <= exit)) {
    return `stop loss ${stopLoss} is on the wrong side of the ${side} ${exit} for a ${direction}; it would close the trade at once`;
  }
  if (takeProfit !== undefined && (long ? takeProfit <= exit : takeProfit >= exit)) {
    return `take profit ${takeProfit} is on the wrong side of the ${side} ${exit} for a ${direction}; it would close the trade at once`;
  }
  return undefined;
}
