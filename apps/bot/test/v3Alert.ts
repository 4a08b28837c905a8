/** The fields of a Combined V3 entry alert at `price` (SL 2 below, TP1 2 above, TP2 5 above), as TradingView sends it. */
export function v3EntryFields(price: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'entry_v3',
    signal_type: 'Institutional_Launchpad',
    symbol: 'XAUUSD',
    direction: 'buy',
    tf: '15',
    price,
    consensus_score: 8,
    sl_price: price - 2,
    tp1_price: price + 2,
    tp2_price: price + 5,
    mtf_trends: '1,1,1,1,1',
    market_trend: 1,
    ...extra,
  };
}
