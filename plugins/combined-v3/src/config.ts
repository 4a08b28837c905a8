import { z } from '@zepix/plugin-core';

/** The three V3 logics: 1 scalping (5m), 2 intraday (15m), 3 swing (1h/4h). */
export const LOGIC_IDS = ['logic1', 'logic2', 'logic3'] as const;

/** One of the three V3 logics. */
export type LogicId = (typeof LOGIC_IDS)[number];

const logicId = z.enum(LOGIC_IDS);
const direction = z.enum(['buy', 'sell', 'any']);
const timeframeKey = z.string().regex(/^\d+$/, 'must be a timeframe in minutes, e.g. "15"');

const logicSettings = (lotMultiplier: number, slHuntWindowMinutes: number, exitContinuation: boolean) =>
  z
    .object({
      lot_multiplier: z.number().positive().default(lotMultiplier),
      legs: z.enum(['A', 'B', 'both']).default('both'),
      sl_hunt_window_minutes: z.number().int().min(0).default(slHuntWindowMinutes),
      tp_continuation: z.boolean().default(true),
      exit_continuation: z.boolean().default(exitContinuation),
    })
    .strict()
    .prefault({});

/** Per-logic settings; defaults from the original `combinedlogic-1/2/3` and its per-logic re-entry overrides. */
const logicsSchema = z
  .object({
    logic1: logicSettings(1.25, 30, false),
    logic2: logicSettings(1.0, 45, false),
    logic3: logicSettings(0.625, 120, true),
  })
  .strict()
  .prefault({});

const consensusSchema = z
  .object({
    min_score: z.number().min(0).max(9).default(5),
    min_score_overrides: z
      .array(
        z
          .object({
            signal: z.string().min(1),
            direction: direction.default('any'),
            min_score: z.number().min(0).max(9),
          })
          .strict(),
      )
      .default([{ signal: 'Institutional_Launchpad', direction: 'buy', min_score: 7 }]),
  })
  .strict()
  .prefault({});

const aggressiveSchema = z
  .object({
    enabled: z.boolean().default(true),
    signals: z
      .array(z.string().min(1))
      .default(['Liquidity_Trap_Reversal', 'Golden_Pocket_Flip', 'Screener_Full_Bullish', 'Screener_Full_Bearish']),
    /** The original also treated any entry with this consensus or more as aggressive; null turns that off. */
    min_consensus: z.number().min(0).max(9).nullable().default(7),
  })
  .strict()
  .prefault({});

const routingSchema = z
  .object({
    signal_overrides: z
      .array(
        z
          .object({
            signal: z.string().min(1),
            /** Only on these timeframes (minutes); absent means every timeframe. */
            timeframes: z.array(z.number().int().positive()).optional(),
            logic: logicId,
          })
          .strict(),
      )
      .default([
        { signal: 'Screener_Full_Bullish', logic: 'logic3' },
        { signal: 'Screener_Full_Bearish', logic: 'logic3' },
        { signal: 'Golden_Pocket_Flip', timeframes: [60, 240], logic: 'logic3' },
      ]),
    timeframes: z
      .record(timeframeKey, logicId)
      .default({ '5': 'logic1', '15': 'logic2', '60': 'logic3', '240': 'logic3' }),
    unmapped_timeframe: z.enum(['nearest', 'default']).default('nearest'),
    default_logic: logicId.default('logic2'),
  })
  .strict()
  .prefault({});

const lotsSchema = z
  .object({
    consensus_multiplier: z
      .object({
        min: z.number().positive().default(0.2),
        max: z.number().positive().default(1.0),
        max_score: z.number().positive().default(9),
      })
      .strict()
      .refine((m) => m.min <= m.max, { message: 'min must not exceed max' })
      .prefault({}),
    apply_position_multiplier: z.boolean().default(true),
  })
  .strict()
  .prefault({});

const trendAlignmentSchema = z
  .object({
    pillars: z.array(z.number().int().positive()).min(1).default([15, 60, 240, 1440]),
    min_agreeing: z.number().int().min(1).default(3),
    /** Judge by the alert's own mtf_trends when it carries every pillar, instead of the shared trend store. */
    use_alert_trends: z.boolean().default(false),
  })
  .strict()
  .refine((t) => t.min_agreeing <= t.pillars.length, {
    message: 'min_agreeing cannot exceed the number of pillars',
    path: ['min_agreeing'],
  })
  .prefault({});

/** Every setting of the combined-v3 plugin; an empty `plugins.combined-v3` section is valid. */
export const combinedV3ConfigSchema = z
  .object({
    consensus: consensusSchema,
    aggressive_reversal: aggressiveSchema,
    routing: routingSchema,
    logics: logicsSchema,
    lots: lotsSchema,
    dual_orders: z
      .object({
        on_leg_failure: z.enum(['keep-other', 'close-other']).default('keep-other'),
        profit_chain_on_b: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
    require_trend_alignment: z.boolean().default(true),
    trend_alignment: trendAlignmentSchema,
    notifications: z
      .object({
        tag: z.string().default('[COMBINED-V3]'),
        squeeze: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
  })
  .strict();

/** Parsed combined-v3 settings, defaults applied. */
export type CombinedV3Config = z.infer<typeof combinedV3ConfigSchema>;

/** One logic's parsed settings. */
export type LogicSettings = CombinedV3Config['logics'][LogicId];
