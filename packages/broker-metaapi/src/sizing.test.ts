import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { priceFor, volumeFor } from './sizing.js';

const spec = { symbol: 'XAUUSD', minVolume: 0.01, maxVolume: 50, volumeStep: 0.01, digits: 2 };

describe('volumes', () => {
  it('rounds to the nearest step and caps at the maximum', () => {
    expect(volumeFor(spec, 0.014)).toEqual({ volume: 0.01 });
    expect(volumeFor(spec, 0.015)).toEqual({ volume: 0.02 });
    expect(volumeFor(spec, 50)).toEqual({ volume: 50 });
    expect(volumeFor(spec, 80)).toEqual({ volume: 50 });
    expect(volumeFor({ ...spec, volumeStep: 1, minVolume: 1 }, 2.4)).toEqual({ volume: 2 });
    expect(volumeFor({ ...spec, volumeStep: 1e-7, minVolume: 1e-7 }, 0.12345678)).toEqual({ volume: 0.1234568 });
  });

  it('refuses a size that rounds below the minimum, naming it, rather than raise it', () => {
    expect(volumeFor(spec, 0.01)).toEqual({ volume: 0.01 });
    expect(volumeFor(spec, 0.004)).toEqual({
      problem:
        "0.004 lots of XAUUSD rounds to 0, below the broker's minimum 0.01 (step 0.01); raise the risk or lot size",
    });
  });

  it('refuses zero, negative and non-finite lots', () => {
    for (const lots of [0, -1, Number.NaN, Number.POSITIVE_INFINITY])
      expect(volumeFor(spec, lots)).toEqual({ problem: `lots must be a number above 0, got ${lots}` });
  });

  it('answers a whole number of steps within [min, max], within half a step of the ask, for any lots', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.0001, max: 100, noNaN: true }), (lots) => {
        const result = volumeFor(spec, lots);
        if ('problem' in result) return lots < spec.minVolume;
        const steps = result.volume / spec.volumeStep;
        return (
          Math.abs(steps - Math.round(steps)) < 1e-6 &&
          result.volume >= spec.minVolume &&
          result.volume <= spec.maxVolume &&
          (result.volume === spec.maxVolume || Math.abs(result.volume - lots) <= spec.volumeStep / 2 + 1e-9)
        );
      }),
    );
  });
});

describe('prices', () => {
  it('rounds to the symbol digits', () => {
    expect(priceFor(spec, 2650.125)).toBe(2650.13);
    expect(priceFor({ ...spec, digits: 5 }, 1.123456)).toBe(1.12346);
    expect(priceFor({ ...spec, digits: 0 }, 151.6)).toBe(152);
  });
});
