import type { MetatraderSymbolSpecification } from './wire.js';

type Spec = Pick<MetatraderSymbolSpecification, 'symbol' | 'minVolume' | 'maxVolume' | 'volumeStep' | 'digits'>;

/**
 * Lots as the symbol accepts them: rounded to the nearest `volumeStep`, capped at `maxVolume` (less exposure than
 * asked is safe). Below `minVolume` the order is refused rather than raised, because that would risk more than the
 * caller sized.
 */
export function volumeFor(spec: Spec, lots: number): { volume: number } | { problem: string } {
  if (!(Number.isFinite(lots) && lots > 0)) return { problem: `lots must be a number above 0, got ${lots}` };
  const stepDecimals = decimalsOf(spec.volumeStep);
  const stepped = round(Math.round(lots / spec.volumeStep) * spec.volumeStep, stepDecimals);
  if (stepped < spec.minVolume) {
    return {
      problem: `${lots} lots of ${spec.symbol} rounds to ${stepped}, below the broker's minimum ${spec.minVolume} (step ${spec.volumeStep}); raise the risk or lot size`,
    };
  }
  return { volume: Math.min(stepped, spec.maxVolume) };
}

/** A price rounded to the symbol's `digits`. */
export function priceFor(spec: Spec, price: number): number {
  return round(price, spec.digits);
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

function decimalsOf(step: number): number {
  const text = step.toString();
  if (text.includes('e-')) return Number(text.split('e-')[1]);
  return text.includes('.') ? text.split('.')[1]!.length : 0;
}
