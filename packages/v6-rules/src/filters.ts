import type { Direction, EntryAlert, PluginServices } from '@zepix/plugin-core';
import type { V6Config } from './config.js';
import { adxStrength, confidenceLevel, marketState } from './levels.js';
import type { PulseStore } from './pulses.js';

/** One filter's verdict: passed with a note, or refused with the sentence the result carries. */
export type FilterVerdict =
  | { readonly ok: true; readonly note: string }
  | { readonly ok: false; readonly filter: string; readonly reason: string };

/** What the filters need. */
export interface FilterContext {
  readonly config: V6Config;
  readonly services: PluginServices;
  readonly pulses: PulseStore;
}

const pass = (note: string): FilterVerdict => ({ ok: true, note });
const refuse = (filter: string, reason: string): FilterVerdict => ({ ok: false, filter, reason });
const favours = (direction: Direction, bulls: number, bears: number) =>
  direction === 'buy' ? bulls > bears : bears > bulls;

/** The alert's number field (`score`, `adx`), as the parser kept it; undefined for NA or absent. */
export function rawNumber(alert: EntryAlert, field: string): number | undefined {
  const value = alert.raw[field];
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isFinite(number) && value !== '' ? number : undefined;
}

function checkAdx(alert: EntryAlert, { config }: FilterContext): FilterVerdict {
  const adx = rawNumber(alert, 'adx');
  const min = config.filters.min_adx;
  if (adx === undefined) return refuse('adx', `ADX is not in the alert (NA); filters.min_adx ${min} needs a reading`);
  if (adx < min) return refuse('adx', `ADX ${adx} (${adxStrength(adx)}) is below filters.min_adx ${min}`);
  return pass(`ADX ${adx} ${adxStrength(adx)}`);
}

function checkConfidence(alert: EntryAlert, { config }: FilterContext): FilterVerdict {
  const score = rawNumber(alert, 'score');
  const min = config.filters.min_confidence;
  if (score === undefined) return refuse('confidence', `the alert has no confidence score; needs ${min}`);
  if (score < min)
    return refuse(
      'confidence',
      `confidence ${score} (${confidenceLevel(score)}) is below filters.min_confidence ${min}`,
    );
  return pass(`confidence ${score} ${confidenceLevel(score)}`);
}

async function checkSpread(alert: EntryAlert, { config, services }: FilterContext): Promise<FilterVerdict> {
  const max = config.filters.max_spread_pips;
  if (max === null) return pass('spread not checked');
  const spread = await services.market.getSpread({ symbol: alert.symbol });
  if (spread === undefined)
    return refuse('spread', `no bid/ask for ${alert.symbol} to measure the spread against ${max} pips`);
  if (spread.pips > max)
    return refuse('spread', `spread ${spread.pips} pips is wider than filters.max_spread_pips ${max}`);
  return pass(`spread ${spread.pips} pips`);
}

function checkPulse(alert: EntryAlert, { config, pulses }: FilterContext): FilterVerdict {
  const { pulse_min_count: minCount, blocked_market_states: blocked } = config.filters;
  if (minCount === null && blocked.length === 0) return pass('pulse not checked');
  const reading = pulses.latest(alert.symbol);
  if (reading === undefined) return refuse('pulse', `no TREND_PULSE for ${alert.symbol} has come yet`);
  const { bulls, bears } = reading;
  const side = alert.direction === 'buy' ? bulls : bears;
  const word = alert.direction === 'buy' ? 'bullish' : 'bearish';
  if (minCount !== null && side < minCount)
    return refuse('pulse', `trend pulse has ${side} ${word} of 6 timeframes, filters.pulse_min_count is ${minCount}`);
  const state = marketState(bulls, bears);
  if (blocked.includes(state))
    return refuse('market_state', `market state is ${state} (pulse ${bulls}/${bears}); ${state} is blocked`);
  return pass(`pulse ${bulls}/${bears} ${state}`);
}

function checkPulseAlignment(alert: EntryAlert, { config, pulses }: FilterContext): FilterVerdict {
  const timeframes = config.filters.pulse_alignment;
  for (const timeframe of timeframes) {
    const reading = pulses.get(alert.symbol, timeframe);
    if (reading === undefined) return refuse('pulse_alignment', `no ${timeframe}m TREND_PULSE for ${alert.symbol} yet`);
    if (!favours(alert.direction, reading.bulls, reading.bears))
      return refuse(
        'pulse_alignment',
        `the ${timeframe}m trend pulse (${reading.bulls} bullish/${reading.bears} bearish) does not favour a ${alert.direction}`,
      );
  }
  return pass(timeframes.length === 0 ? 'pulse alignment not checked' : `pulses ${timeframes.join('/')}m aligned`);
}

async function checkTrends(alert: EntryAlert, { config, services }: FilterContext): Promise<FilterVerdict> {
  const timeframes = config.filters.trend_alignment;
  if (timeframes.length === 0) return pass('trend alignment not checked');
  const check = await services.trends.checkAlignment({ symbol: alert.symbol, direction: alert.direction, timeframes });
  if (!check.aligned)
    return refuse(
      'trend_alignment',
      `the ${timeframes.join('/')}m trends do not agree with a ${alert.direction} (${check.detail})`,
    );
  return pass(`trends ${timeframes.join('/')}m aligned`);
}

/** Every entry filter, in order; the first refusal wins. */
export async function runFilters(alert: EntryAlert, context: FilterContext): Promise<FilterVerdict[]> {
  const verdicts: FilterVerdict[] = [];
  const steps = [checkAdx, checkConfidence, checkSpread, checkPulse, checkPulseAlignment, checkTrends];
  for (const step of steps) {
    const verdict = await step(alert, context);
    verdicts.push(verdict);
    if (!verdict.ok) break;
  }
  return verdicts;
}
