import { describe, expect, it } from 'vitest';
import { fixture } from './__fixtures__/alerts.js';
import { accepted, issueFor, rejected } from './__fixtures__/assertions.js';
import { ParseErrorCode, parseAlert } from './index.js';

function body(
  name: string,
  changes: Record<string, unknown> = {},
  drop: readonly string[] = [],
): Record<string, unknown> {
  const decoded = JSON.parse(fixture(name).body) as Record<string, unknown>;
  for (const key of drop) delete decoded[key];
  return { ...decoded, ...changes };
}

describe('legacy JSON', () => {
  const entry = (changes: Record<string, unknown>) => body('legacy entry buy 5m', changes);

  it('reads signals and timeframe labels in any letter case', () => {
    expect(accepted(parseAlert(entry({ signal: 'BUY', tf: '1H' })))).toMatchObject({ direction: 'buy', timeframe: 60 });
  });

  it('accepts 1m, 30m and 4h besides the documented labels, but not bare minutes', () => {
    expect(accepted(parseAlert(entry({ tf: '4h' }))).timeframe).toBe(240);
    expect(issueFor(parseAlert(entry({ tf: '5' })), 'tf')).toMatch(/"5" is not a supported timeframe/);
  });

  it('maps reversal signals to the side to open', () => {
    const reversal = body('legacy reversal bear', { signal: 'reversal_bull' });
    expect(accepted(parseAlert(reversal))).toMatchObject({ kind: 'reversal', direction: 'buy', levels: {} });
  });

  it('closes buys on a bearish exit', () => {
    expect(accepted(parseAlert(body('legacy exit appeared bull', { signal: 'bear' })))).toMatchObject({
      closeSide: 'buy',
    });
  });

  it('refuses an entry signal on a trend alert and names the valid ones', () => {
    const message = issueFor(parseAlert(body('legacy trend bear 15m', { signal: 'buy' })), 'signal');
    expect(message).toBe('"buy" is not valid for a legacy trend alert; use one of bull, bear');
  });
});

describe('V3 JSON', () => {
  const entry = (changes: Record<string, unknown> = {}, drop: readonly string[] = []) =>
    body('v3 entry institutional launchpad', changes, drop);
  const exit = (changes: Record<string, unknown> = {}, drop: readonly string[] = []) =>
    body('v3 bullish exit closes shorts', changes, drop);
  const pulse = (changes: Record<string, unknown> = {}, drop: readonly string[] = []) =>
    body('v3 trend pulse six values', changes, drop);

  it('treats Liquidity_Trap_Reversal as an entry and keeps unknown fields in raw', () => {
    const alert = accepted(parseAlert(entry({ signal_type: 'liquidity_trap_reversal', volume_delta_ratio: 0.18 })));
    expect(alert).toMatchObject({ kind: 'entry', signalType: 'Liquidity_Trap_Reversal' });
    expect(alert.raw).toMatchObject({ volume_delta_ratio: 0.18, type: 'entry_v3' });
  });

  it('refuses an unknown signal_type and lists the entry signals', () => {
    const message = issueFor(parseAlert(entry({ signal_type: 'Moon_Shot' })), 'signal_type');
    expect(message).toMatch(/"Moon_Shot" is not valid for entry_v3; use one of Institutional_Launchpad, /);
  });

  it('reads tf as minutes in text or number, and D/1D as daily', () => {
    expect(accepted(parseAlert(entry({ tf: 5 }))).timeframe).toBe(5);
    expect(accepted(parseAlert(entry({ tf: '1D' }))).timeframe).toBe(1440);
    expect(accepted(parseAlert(entry({ tf: 'D' }))).timeframe).toBe(1440);
    expect(issueFor(parseAlert(entry({ tf: '7' })), 'tf')).toMatch(
      /"7" is not a supported timeframe; send the chart interval in minutes/,
    );
  });

  it('explains a wrong mtf_trends length with the expected order', () => {
    const message = issueFor(parseAlert(entry({ mtf_trends: '1,1,1' })), 'mtf_trends');
    expect(message).toMatch(/has 3 values but needs 5, one per timeframe in the order 1D,4H,1H,15m,5m/);
  });

  it('refuses an out-of-range market_trend and a runaway position multiplier', () => {
    const result = parseAlert(entry({ market_trend: 2, position_multiplier: 50 }));
    expect(issueFor(result, 'market_trend')).toMatch(/use 1 \(bullish\), 0 \(neutral\) or -1 \(bearish\)/);
    expect(issueFor(result, 'position_multiplier')).toMatch(/too large/);
  });

  it('takes the side to close from direction when signal_type is absent', () => {
    expect(accepted(parseAlert(exit({}, ['signal_type'])))).toMatchObject({ kind: 'exit', closeSide: 'sell' });
    expect(accepted(parseAlert(exit({ signal_type: 'Bearish_Exit' }, ['direction'])))).toMatchObject({
      closeSide: 'buy',
    });
  });

  it('refuses an exit whose direction contradicts its signal_type', () => {
    expect(issueFor(parseAlert(exit({ direction: 'buy' })), 'direction')).toMatch(
      /contradicts signal_type Bullish_Exit, which closes sells/,
    );
  });

  it('refuses an exit with neither signal_type nor direction, together with other issues', () => {
    const result = parseAlert(exit({ symbol: '' }, ['signal_type', 'direction']));
    expect(issueFor(result, 'signal_type')).toMatch(/is missing, and so is direction/);
    expect(issueFor(result, 'symbol')).toMatch(/has no ticker/);
  });

  it('maps trend pulse positions by trend_labels when present', () => {
    const alert = accepted(parseAlert(pulse({ trend_labels: '1D,4H,1H,15m,5m,1m', current_trends: '1,1,1,-1,-1,0' })));
    expect(alert).toMatchObject({ currentTrends: { 1440: 1, 240: 1, 60: 1, 15: -1, 5: -1, 1: 0 } });
  });

  it('works out changed timeframes when the pulse does not list them', () => {
    expect(accepted(parseAlert(pulse({}, ['changed_timeframes'])))).toMatchObject({ changedTimeframes: [5] });
  });

  it('refuses a pulse without current trends and reports its other issues too', () => {
    const result = parseAlert(pulse({ tf: '7', trend_labels: '1m,5m' }, ['current_trends']));
    rejected(result, ParseErrorCode.Invalid);
    expect(issueFor(result, 'current_trends')).toMatch(/is missing; send one trend per timeframe in the order 1m,5m/);
    expect(issueFor(result, 'tf')).toMatch(/not a supported timeframe/);
  });

  it('keeps the squeeze message and ignores a direction it does not need', () => {
    const alert = accepted(parseAlert(body('v3 squeeze no direction', { direction: 'buy' })));
    expect(alert).toMatchObject({ kind: 'squeeze', message: 'Big move expected - prepare for breakout' });
  });
});
