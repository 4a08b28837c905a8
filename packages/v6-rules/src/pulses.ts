import type { BaseLogicPlugin, TrendPulseAlert } from '@zepix/plugin-core';

/** The plugin's own SQLite database. */
type PluginDatabase = BaseLogicPlugin['db'];

/** The latest trend-pulse counts of one symbol on one chart timeframe. */
export interface PulseReading {
  readonly symbol: string;
  readonly timeframe: number;
  readonly bulls: number;
  readonly bears: number;
  readonly at: string;
}

/** Bullish and bearish counts of a V6 TREND_PULSE; undefined for pulses without counts (STATE_CHANGE, V3). */
export function pulseCounts(alert: TrendPulseAlert): { bulls: number; bears: number } | undefined {
  const bulls = Number(alert.raw.bullish_count);
  const bears = Number(alert.raw.bearish_count);
  if (alert.family !== 'v6' || !Number.isInteger(bulls) || !Number.isInteger(bears)) return undefined;
  return { bulls, bears };
}

/**
 * The last TREND_PULSE counts per symbol and timeframe, kept in the plugin's own database so the filters still
 * see them after a restart.
 */
export class PulseStore {
  readonly #db: PluginDatabase;

  constructor(db: PluginDatabase) {
    this.#db = db;
    db.exec(`CREATE TABLE IF NOT EXISTS v6_pulses (
      symbol TEXT NOT NULL, timeframe INTEGER NOT NULL, bulls INTEGER NOT NULL, bears INTEGER NOT NULL,
      at TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (symbol, timeframe))`);
  }

  /** Remembers a reading (the newest per symbol and timeframe wins). */
  record(reading: PulseReading): void {
    this.#db
      .prepare(
        `INSERT INTO v6_pulses (symbol, timeframe, bulls, bears, at, seq)
         VALUES (@symbol, @timeframe, @bulls, @bears, @at, (SELECT COALESCE(MAX(seq), 0) + 1 FROM v6_pulses))
         ON CONFLICT (symbol, timeframe) DO UPDATE
         SET bulls = excluded.bulls, bears = excluded.bears, at = excluded.at, seq = excluded.seq`,
      )
      .run(reading);
  }

  /** The reading for one timeframe, if any came. */
  get(symbol: string, timeframe: number): PulseReading | undefined {
    return this.#db
      .prepare('SELECT symbol, timeframe, bulls, bears, at FROM v6_pulses WHERE symbol = ? AND timeframe = ?')
      .get(symbol, timeframe) as PulseReading | undefined;
  }

  /** The newest reading of the symbol on any timeframe (by arrival, so two in the same millisecond still order). */
  latest(symbol: string): PulseReading | undefined {
    return this.#db
      .prepare('SELECT symbol, timeframe, bulls, bears, at FROM v6_pulses WHERE symbol = ? ORDER BY seq DESC LIMIT 1')
      .get(symbol) as PulseReading | undefined;
  }
}
