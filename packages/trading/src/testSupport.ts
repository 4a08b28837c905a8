import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MarketOrderRequest } from '@zepix/broker-api';
import { PaperBroker } from '@zepix/paper-broker';
import { entryAlert } from '@zepix/plugin-core/testing';
import type { EntryAlert } from '@zepix/plugin-core';
import { SymbolBook } from '@zepix/symbols';
import { pino } from 'pino';
import { TradingConfigSchema } from './config.js';
import type { TradingConfigInput } from './config.js';
import { StubTrends } from './testing/StubTrends.js';
import { TradingEngine } from './TradingEngine.js';
import type { LossFigures } from './RiskGate.js';
import { tierFor } from './riskTiers.js';

/** A clock tests can move. */
export class TestClock {
  #now: number;
  constructor(start = '2026-03-02T10:00:00.000Z') {
    this.#now = Date.parse(start);
  }
  readonly now = (): Date => new Date(this.#now);
  /** Moves the clock forward. */
  advance(ms: number): void {
    this.#now += ms;
  }
  /** Moves the clock forward by minutes. */
  minutes(n: number): void {
    this.advance(n * 60_000);
  }
  /** Sets the clock. */
  set(iso: string): void {
    this.#now = Date.parse(iso);
  }
}

/**
 * An engine on a real SQLite file in a fresh temp folder, with the paper broker in memory (no spread; faults with
 * `broker.injectFault`), stub trends and a test clock.
 */
export interface Harness {
  engine: TradingEngine;
  readonly broker: PaperBroker;
  /** Every order request the broker received, refused and faulted ones included. */
  readonly placeRequests: MarketOrderRequest[];
  readonly trends: StubTrends;
  readonly clock: TestClock;
  readonly path: string;
  /** Closes the engine and opens a new one on the same database and broker (a restart). */
  reopen(): Promise<TradingEngine>;
  cleanup(): Promise<void>;
}

/** Builds a harness; XAUUSD 2650.00 and EURUSD 1.10000 are priced (no spread). */
export async function harness(options: { config?: TradingConfigInput; balance?: number } = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'zepix-trading-'));
  const path = join(dir, 'trading.db');
  const clock = new TestClock();
  const symbols = new SymbolBook();
  const broker = PaperBroker.open({
    path: ':memory:',
    symbols,
    startingBalance: options.balance ?? 10_000,
    spreadPips: { default: 0, XAUUSD: 0 },
    now: clock.now,
  });
  const placeRequests: MarketOrderRequest[] = [];
  const place = broker.placeMarketOrder.bind(broker);
  // Recorded in front of the broker, so a request its faults refuse is counted too.
  broker.placeMarketOrder = (request) => {
    placeRequests.push(request);
    return place(request);
  };
  const trends = new StubTrends();
  // Most unit tests place orders without a stop-loss to test one thing at a time: the worst-case gate (which refuses
  // those) is off here unless a test turns it on; the bot's default keeps it on.
  const input = options.config ?? {};
  const config = TradingConfigSchema.parse({ ...input, risk: { worst_case: false, ...input.risk } });
  const logger = pino({ level: 'silent' });
  const open = () => TradingEngine.open({ path, broker, symbols, config, logger, trends, now: clock.now });
  broker.updatePrice({ symbol: 'XAUUSD', mid: 2650 });
  broker.updatePrice({ symbol: 'EURUSD', mid: 1.1 });
  const h: Harness = {
    engine: await open(),
    broker,
    placeRequests,
    trends,
    clock,
    path,
    async reopen() {
      await h.engine.close();
      h.engine = await open();
      return h.engine;
    },
    async cleanup() {
      await h.engine.close();
      await broker.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}

let journalSeq = 1000;

/** A fresh entry alert with its own journal id (XAUUSD buy at 2650 unless overridden). */
export function alert(overrides: Partial<Omit<EntryAlert, 'kind'>> = {}): EntryAlert {
  return entryAlert({ journalId: journalSeq++, ...overrides });
}

/** Sets a price on the paper broker (firing the SL/TP it crosses) and feeds the same tick to the engine. */
export async function tick(h: Harness, symbol: string, bid: number, ask = bid): Promise<void> {
  const time = h.clock.now().toISOString();
  h.broker.updatePrice({ symbol, bid, ask, time });
  await h.engine.onPrice({ symbol, bid, ask, time });
}

/** Loss figures at `balance` under the default tiers, with `dailyRealized` lost today (and over the lifetime). */
export function lossFigures(balance: number, dailyRealized = 0): LossFigures {
  const tier = tierFor(TradingConfigSchema.parse({}).risk.tiers, balance);
  return {
    balance,
    tier,
    resetAt: new Date(0),
    dailyRealized,
    lifetimeRealized: dailyRealized,
    openLoss: 0,
    dailyLoss: dailyRealized,
    lifetimeLoss: dailyRealized,
  };
}
