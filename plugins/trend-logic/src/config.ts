import { z } from '@zepix/plugin-core';

/** The three legacy logics: 1 (5m entries), 2 (15m entries), 3 (1h entries). */
export const LOGIC_IDS = ['logic1', 'logic2', 'logic3'] as const;

/** One of the three legacy logics. */
export type LogicId = (typeof LOGIC_IDS)[number];

const timeframes = z.array(z.number().int().positive()).min(1);

interface LogicDefaults {
  readonly timeframe: number;
  readonly alignment: readonly number[];
  readonly sl: number;
  readonly lot: number;
  readonly window: number;
}

const logicSettings = (d: LogicDefaults) =>
  z
    .object({
      /** The chart timeframe (minutes) whose entries this logic trades. */
      timeframe: z.number().int().positive().default(d.timeframe),
      /** Stored trends (minutes) that must all agree with the direction. */
      alignment_timeframes: timeframes.default([...d.alignment]),
      sl_multiplier: z.number().positive().default(d.sl),
      lot_multiplier: z.number().positive().default(d.lot),
      sl_hunt_window_minutes: z.number().int().min(0).default(d.window),
      tp_continuation: z.boolean().default(true),
      exit_continuation: z.boolean().default(true),
    })
    .strict()
    .prefault({});

/** Defaults from the original `timeframe_specific_config` (combinedlogic-1/2/3) and its trend manager. */
const logicsSchema = z
  .object({
    logic1: logicSettings({ timeframe: 5, alignment: [60, 15], sl: 1.0, lot: 1.25, window: 30 }),
    logic2: logicSettings({ timeframe: 15, alignment: [60, 15], sl: 1.5, lot: 1.0, window: 45 }),
    logic3: logicSettings({ timeframe: 60, alignment: [1440, 60], sl: 2.5, lot: 0.625, window: 120 }),
  })
  .strict()
  .refine((l) => new Set([l.logic1.timeframe, l.logic2.timeframe, l.logic3.timeframe]).size === 3, {
    message: 'each logic needs its own timeframe',
  })
  .prefault({});

/** The original's SL table at the $10k tier (pips), by symbol; the classes cover the rest. */
const ORIGINAL_SYMBOL_STOPS: Readonly<Record<string, number>> = { USDJPY: 166 };

const stopLossSchema = z
  .object({
    /** Base SL for six-letter currency pairs (JPY pairs too: their pip is 0.01); the original's 150. */
    forex_pips: z.number().positive().default(150),
    /** Base SL for XAU*, XAG*, GOLD and SILVER; the original's 1500 for XAUUSD. */
    metals_pips: z.number().positive().default(1500),
    /** Per-symbol base SL in pips; wins over the classes and covers symbols outside them. */
    symbols: z.record(z.string().min(1), z.number().positive()).default(() => ({ ...ORIGINAL_SYMBOL_STOPS })),
  })
  .strict()
  .prefault({});

const ordersSchema = z
  .object({
    /** The original places order A and order B for every entry. */
    mode: z.enum(['single', 'dual']).default('dual'),
    legs: z.enum(['A', 'B', 'both']).default('both'),
    on_leg_failure: z.enum(['keep-other', 'close-other']).default('keep-other'),
    profit_chain_on_b: z.boolean().default(true),
  })
  .strict()
  .prefault({});

/** Every setting of the trend-logic plugin; an empty `plugins.trend-logic` section is valid. */
export const trendLogicConfigSchema = z
  .object({
    logics: logicsSchema,
    stop_loss: stopLossSchema,
    risk_reward: z.number().positive().default(1.5),
    orders: ordersSchema,
    close_on_opposite_trend: z.boolean().default(true),
    notifications: z
      .object({ tag: z.string().default('[TREND-LOGIC]') })
      .strict()
      .prefault({}),
  })
  .strict();

/** Parsed trend-logic settings, defaults applied. */
export type TrendLogicConfig = z.infer<typeof trendLogicConfigSchema>;

/** One logic's parsed settings. */
export type LogicSettings = TrendLogicConfig['logics'][LogicId];
