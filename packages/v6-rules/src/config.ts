import { z } from '@zepix/plugin-core';

/** Which target a leg takes profit at; `tp3_or_tp2` takes TP3 when the alert sends one. */
export const TARGETS = ['tp1', 'tp2', 'tp3_or_tp2'] as const;

/** The original's values for one V6 plugin; each becomes a zod default. */
export interface V6Defaults {
  readonly timeframe: number;
  readonly tag: string;
  readonly legs: 'A' | 'B' | 'both';
  readonly targetA: (typeof TARGETS)[number];
  readonly minAdx: number;
  readonly minConfidence: number;
  readonly maxSpreadPips?: number;
  readonly pulseMinCount?: number;
  readonly blockedMarketStates?: readonly ('TRENDING' | 'SIDEWAYS' | 'WEAK')[];
  readonly pulseAlignment?: readonly number[];
  readonly trendAlignment?: readonly number[];
  readonly lotMultiplier: number;
  readonly stopLossPips?: number;
  readonly takeProfitPips?: number;
  readonly breakEvenAfterTp1Pips?: number;
  readonly maxHoldMinutes?: number;
}

const timeframes = z.array(z.number().int().positive());
const nullablePositive = (value: number | undefined) =>
  z
    .number()
    .positive()
    .nullable()
    .default(value ?? null);

/** The settings of one V6 plugin, with the original's values as defaults; unknown keys are refused. */
export function v6ConfigSchema(d: V6Defaults) {
  return z
    .object({
      /** The chart timeframe (minutes) this plugin trades; alerts of other timeframes are skipped. */
      timeframe: z.number().int().positive().default(d.timeframe),
      symbols: z.array(z.string().min(1)).min(1).default(['XAUUSD']),
      orders: z
        .object({
          legs: z.enum(['A', 'B', 'both']).default(d.legs),
          a_target: z.enum(TARGETS).default(d.targetA),
          on_leg_failure: z.enum(['keep-other', 'close-other']).default('keep-other'),
        })
        .strict()
        .prefault({}),
      filters: z
        .object({
          min_adx: z.number().min(0).default(d.minAdx),
          min_confidence: z.number().min(0).max(100).default(d.minConfidence),
          max_spread_pips: nullablePositive(d.maxSpreadPips),
          pulse_min_count: z
            .number()
            .int()
            .min(0)
            .max(6)
            .nullable()
            .default(d.pulseMinCount ?? null),
          blocked_market_states: z
            .array(z.enum(['TRENDING', 'SIDEWAYS', 'WEAK']))
            .default([...(d.blockedMarketStates ?? [])]),
          pulse_alignment: timeframes.default([...(d.pulseAlignment ?? [])]),
          trend_alignment: timeframes.default([...(d.trendAlignment ?? [])]),
        })
        .strict()
        .prefault({}),
      lot_multiplier: z.number().positive().default(d.lotMultiplier),
      stop_loss_pips: nullablePositive(d.stopLossPips),
      take_profit_pips: nullablePositive(d.takeProfitPips),
      break_even_after_tp1_pips: z
        .number()
        .min(0)
        .nullable()
        .default(d.breakEvenAfterTp1Pips ?? null),
      max_hold_minutes: nullablePositive(d.maxHoldMinutes),
      notifications: z
        .object({ tag: z.string().default(d.tag) })
        .strict()
        .prefault({}),
    })
    .strict();
}

/** Parsed settings of a V6 plugin. */
export type V6Config = z.infer<ReturnType<typeof v6ConfigSchema>>;
