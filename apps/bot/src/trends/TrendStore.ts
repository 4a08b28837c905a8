import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Alert, MtfTrends, TrendValue } from '@zepix/plugin-core';

/** One stored reading. */
export interface TrendReading {
  readonly symbol: string;
  readonly timeframe: number;
  readonly trend: TrendValue;
  readonly source: string;
  readonly updatedAt: string;
  /** A manual lock: alerts do not change this reading until it is unlocked. */
  readonly locked: boolean;
}

interface Row {
  symbol: string;
  timeframe: number;
  trend: number;
  source: string;
  updated_at: string;
  locked: number;
}

function readingsOf(alert: Alert): [number, TrendValue][] {
  switch (alert.kind) {
    case 'trend':
    case 'bias':
      return [[alert.timeframe, alert.trend]];
    case 'trend_pulse':
      return Object.entries(alert.currentTrends).map(([tf, v]) => [Number(tf), v as TrendValue]);
    case 'entry':
      return Object.entries(alert.mtfTrends ?? {}).map(([tf, v]) => [Number(tf), v as TrendValue]);
    default:
      return [];
  }
}

/** The shared trend store: the latest trend per symbol and timeframe, from trend, bias, pulse and V3 entry alerts. */
export class TrendStore {
  readonly #db: Database.Database;
  readonly #upsert: Database.Statement;
  readonly #applyReadings: (symbol: string, readings: [number, TrendValue][], source: string, at: string) => void;

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.#db = new Database(path);
    this.#db.pragma('journal_mode = WAL');
    // Every alert that carries trends writes here before its plugins are called, so no fsync per alert: a power cut
    // loses at most the last readings, which TradingView sends again with the next bar (kill -9 loses nothing).
    this.#db.pragma('synchronous = NORMAL');
    this.#db.exec(`CREATE TABLE IF NOT EXISTS trends (
      symbol TEXT NOT NULL, timeframe INTEGER NOT NULL, trend INTEGER NOT NULL,
      source TEXT NOT NULL, updated_at TEXT NOT NULL, locked INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (symbol, timeframe))`);
    this.#upsert = this.#db.prepare(
      `INSERT INTO trends (symbol, timeframe, trend, source, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (symbol, timeframe) DO UPDATE SET trend = excluded.trend, source = excluded.source, updated_at = excluded.updated_at
       WHERE trends.locked = 0 AND trends.updated_at <= excluded.updated_at`,
    );
    this.#applyReadings = this.#db.transaction((symbol, readings, source, at) => {
      for (const [tf, trend] of readings) this.#upsert.run(symbol, tf, trend, source, at);
    });
  }

  /** Stores what an alert says about trends; returns how many readings it held. */
  apply(alert: Alert, at: Date): number {
    const readings = readingsOf(alert);
    if (readings.length > 0)
      this.#applyReadings(alert.symbol, readings, `${alert.family}:${alert.kind}`, at.toISOString());
    return readings.length;
  }

  /** Sets a trend by hand and locks it against alerts (the operator knows better for now). */
  lock(options: {
    readonly symbol: string;
    readonly timeframe: number;
    readonly trend: TrendValue;
    readonly at: Date;
  }): TrendReading {
    this.#durably(() =>
      this.#db
        .prepare(
          `INSERT INTO trends (symbol, timeframe, trend, source, updated_at, locked) VALUES (?, ?, ?, 'manual', ?, 1)
           ON CONFLICT (symbol, timeframe) DO UPDATE SET trend = excluded.trend, source = 'manual', updated_at = excluded.updated_at, locked = 1`,
        )
        .run(options.symbol, options.timeframe, options.trend, options.at.toISOString()),
    );
    return this.list(options.symbol).find((r) => r.timeframe === options.timeframe)!;
  }

  /** Lets alerts update a locked reading again; false when there was no lock. */
  unlock(symbol: string, timeframe: number): boolean {
    return (
      this.#durably(() =>
        this.#db
          .prepare('UPDATE trends SET locked = 0 WHERE symbol = ? AND timeframe = ? AND locked = 1')
          .run(symbol, timeframe),
      ).changes > 0
    );
  }

  /** An operator's lock is not sent again by the next bar: it waits for its fsync, unlike the readings. */
  #durably<T>(write: () => T): T {
    this.#db.exec('PRAGMA synchronous = FULL');
    try {
      return write();
    } finally {
      this.#db.exec('PRAGMA synchronous = NORMAL');
    }
  }

  /** Every timeframe's trend for a symbol. */
  getTrends(symbol: string): MtfTrends {
    const rows = this.#db.prepare('SELECT timeframe, trend FROM trends WHERE symbol = ?').all(symbol) as Row[];
    return Object.fromEntries(rows.map((r) => [r.timeframe, r.trend as TrendValue]));
  }

  /** One trend, or undefined when nothing was received for it. */
  getTrend(symbol: string, timeframe: number): TrendValue | undefined {
    const row = this.#db
      .prepare('SELECT trend FROM trends WHERE symbol = ? AND timeframe = ?')
      .get(symbol, timeframe) as Pick<Row, 'trend'> | undefined;
    return row?.trend as TrendValue | undefined;
  }

  /** Whether the listed timeframes agree with a direction (1 for buy, -1 for sell); `minAgreeing` defaults to all. */
  checkAlignment(options: {
    readonly symbol: string;
    readonly direction: 'buy' | 'sell';
    readonly timeframes: readonly number[];
    readonly minAgreeing?: number;
  }): { aligned: boolean; agreeing: number; detail: string } {
    const trends = this.getTrends(options.symbol);
    const want = options.direction === 'buy' ? 1 : -1;
    const agreeing = options.timeframes.filter((tf) => trends[tf] === want).length;
    const needed = options.minAgreeing ?? options.timeframes.length;
    const detail = options.timeframes.map((tf) => `${tf}m:${trends[tf] ?? '?'}`).join(' ');
    return { aligned: agreeing >= needed, agreeing, detail };
  }

  /** All readings, optionally for one symbol, for the API. */
  list(symbol?: string): TrendReading[] {
    const rows = (
      symbol
        ? this.#db.prepare('SELECT * FROM trends WHERE symbol = ? ORDER BY symbol, timeframe').all(symbol)
        : this.#db.prepare('SELECT * FROM trends ORDER BY symbol, timeframe').all()
    ) as Row[];
    return rows.map((r) => ({
      symbol: r.symbol,
      timeframe: r.timeframe,
      trend: r.trend as TrendValue,
      source: r.source,
      updatedAt: r.updated_at,
      locked: r.locked === 1,
    }));
  }

  close(): void {
    this.#db.close();
  }
}
