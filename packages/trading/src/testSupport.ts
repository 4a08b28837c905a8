import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MarketOrderRequest } from '@zepix/broker-api';
import { PaperBroker } from '@zepix/paper-broker';
import { entryAlert } from '@zepix/plugin-core/testing';
import { afterEach, beforeEach } from 'vitest';
import type { Direction, EntryAlert, LifecycleOptions, Position } from '@zepix/plugin-core';
import { SymbolBook } from '@zepix/symbols';
import { pino } from 'pino';
import type { Logger } from 'pino';
import { TradingConfigSchema } from './config.js';
import type { TradingConfig, TradingConfigInput } from './config.js';
import { createContext } from './context.js';
import { createParts } from './parts.js';
import type { EngineParts } from './parts.js';
import { openDatabase } from './schema.js';
import { StubTrends } from './testing/StubTrends.js';
import { TradingEngine } from './TradingEngine.js';
import type { LossFigures } from './RiskGate.js';
import type { PositionRow } from './rows.js';
import { tierFor } from './riskTiers.js';

/**
 * Where harness databases live: a RAM file system when the machine has one, so the engine's real WAL file with
 * synchronous=FULL runs unchanged but its fsyncs cost nothing (on a disk they were most of each test's time, and
 * mutation testing runs these tests hundreds of times); elsewhere the system temp folder.
 */
const scratch = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();

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
 * An engine on a real SQLite file in a fresh temp folder (in RAM where possible), with the paper broker in memory (no spread; faults with
 * `broker.injectFault`), stub trends and a test clock.
 */
export interface Harness {
  engine: TradingEngine;
  readonly broker: PaperBroker;
  /** Every order request the broker received, refused and faulted ones included. */
  readonly placeRequests: MarketOrderRequest[];
  /** The engine's warnings and errors, as logged. */
  readonly logs: Record<string, unknown>[];
  readonly trends: StubTrends;
  readonly clock: TestClock;
  readonly path: string;
  /** Closes the engine and opens a new one on the same database and broker (a restart), maybe with new settings. */
  reopen(options?: { readonly config?: TradingConfigInput }): Promise<TradingEngine>;
  cleanup(): Promise<void>;
}

/** A logger that keeps its warnings and errors as parsed JSON lines, for tests that check what was logged. */
function capturedLogger(): { logger: Logger; logs: Record<string, unknown>[] } {
  const logs: Record<string, unknown>[] = [];
  const logger = pino(
    { level: 'warn' },
    { write: (line: string) => logs.push(JSON.parse(line) as Record<string, unknown>) },
  );
  return { logger, logs };
}

/**
 * Most unit tests place orders without a stop-loss to test one thing at a time: the worst-case gate (which refuses
 * those) is off here unless a test turns it on; the bot's default keeps it on.
 */
function testConfig(input: TradingConfigInput = {}): TradingConfig {
  return TradingConfigSchema.parse({ ...input, risk: { worst_case: false, ...input.risk } });
}

/** The paper broker in memory at a test clock, no spread, XAUUSD at 2650.00 and EURUSD at 1.10000. */
function pricedBroker(balance = 10_000) {
  const clock = new TestClock();
  const symbols = new SymbolBook();
  const broker = PaperBroker.open({
    path: ':memory:',
    symbols,
    startingBalance: balance,
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
  broker.updatePrice({ symbol: 'XAUUSD', mid: 2650 });
  broker.updatePrice({ symbol: 'EURUSD', mid: 1.1 });
  return { clock, symbols, broker, placeRequests };
}

/** The engine's parts wired over an in-memory database, for tests that hand a part requests no plugin can make. */
export interface PartsFixture {
  readonly parts: EngineParts;
  readonly broker: PaperBroker;
  readonly placeRequests: MarketOrderRequest[];
  /** The parts' warnings and errors, as logged. */
  readonly logs: Record<string, unknown>[];
  close(): Promise<void>;
}

/** The parts fixture of the test running now; `configure` replaces it with one on other settings. */
export interface PartsEachTest extends PartsFixture {
  configure(config: TradingConfigInput): Promise<void>;
}

/** Gives each test of the calling file a fresh parts fixture, closed after it. */
export function partsEachTest(): PartsEachTest {
  let current: PartsFixture | undefined;
  const now = (): PartsFixture => {
    if (current === undefined) throw new Error('partsEachTest: the fixture exists only while a test runs');
    return current;
  };
  beforeEach(() => {
    current = partsFixture();
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return {
    get parts() {
      return now().parts;
    },
    get broker() {
      return now().broker;
    },
    get placeRequests() {
      return now().placeRequests;
    },
    get logs() {
      return now().logs;
    },
    close: () => now().close(),
    async configure(config) {
      await now().close();
      current = partsFixture({ config });
    },
  };
}

/** Builds the parts over `:memory:` and the same priced paper broker as the harness. */
export function partsFixture(options: { config?: TradingConfigInput; balance?: number } = {}): PartsFixture {
  const { clock, symbols, broker, placeRequests } = pricedBroker(options.balance);
  const { logger, logs } = capturedLogger();
  const ctx = createContext(openDatabase(':memory:'), {
    path: ':memory:',
    broker,
    symbols,
    config: testConfig(options.config),
    logger,
    trends: new StubTrends(),
    now: clock.now,
  });
  return {
    parts: createParts(ctx),
    broker,
    placeRequests,
    logs,
    async close() {
      ctx.db.close();
      await broker.close();
    },
  };
}

/** Builds a harness; XAUUSD 2650.00 and EURUSD 1.10000 are priced (no spread). */
export async function harness(options: { config?: TradingConfigInput; balance?: number } = {}): Promise<Harness> {
  const dir = mkdtempSync(join(scratch, 'zepix-trading-'));
  const path = join(dir, 'trading.db');
  const { clock, symbols, broker, placeRequests } = pricedBroker(options.balance);
  const trends = new StubTrends();
  const { logger, logs } = capturedLogger();
  const open = (config = testConfig(options.config)) =>
    TradingEngine.open({ path, broker, symbols, config, logger, trends, now: clock.now });
  const h: Harness = {
    engine: await open(),
    broker,
    placeRequests,
    logs,
    trends,
    clock,
    path,
    async reopen(again = {}) {
      await h.engine.close();
      h.engine = await open(testConfig(again.config ?? options.config));
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

/** An open XAUUSD buy of 0.1 lots at 2650 with SL 2640 and TP 2660, as stored, changed by `overrides`. */
export function positionRow(overrides: Partial<PositionRow> = {}): PositionRow {
  const at = '2026-03-02T10:00:00.000Z';
  return {
    id: 7,
    client_order_id: 'z-7',
    plugin: 'alpha',
    symbol: 'XAUUSD',
    direction: 'buy',
    leg: 'A',
    origin: 'alert',
    state: 'open',
    requested_lots: 0.1,
    lots: 0.1,
    entry_price: 2650,
    stop_loss: 2640,
    take_profit: 2660,
    broker_trade_id: 't7',
    error_code: null,
    error_reason: null,
    lifecycle_json: '{}',
    reentry_level: 0,
    chain_id: null,
    chain_level: null,
    realized_pnl: 0,
    close_price: null,
    close_reason: null,
    exit_note: null,
    closed_by: null,
    created_at: at,
    opened_at: at,
    closed_at: null,
    ...overrides,
  };
}

let journalSeq = 1000;

/** A fresh entry alert with its own journal id (XAUUSD buy at 2650 unless overridden). */
export function alert(overrides: Partial<Omit<EntryAlert, 'kind'>> = {}): EntryAlert {
  return entryAlert({ journalId: journalSeq++, ...overrides });
}

/**
 * Places order B of 0.1 lots for `plugin` (default alpha), which grows a profit chain: $7 is a 0.70 move on XAUUSD
 * and 70 pips on EURUSD. The default SL sits 10.00 (XAUUSD) or 100 pips (EURUSD) behind the entry.
 */
export async function placeB(
  h: Harness,
  options: {
    readonly plugin?: string;
    readonly symbol?: 'XAUUSD' | 'EURUSD';
    readonly direction?: Direction;
    readonly stopLoss?: number;
    readonly lifecycle?: LifecycleOptions;
  } = {},
): Promise<Position> {
  const { symbol = 'XAUUSD', direction = 'buy' } = options;
  const distance = (symbol === 'XAUUSD' ? 10 : 0.01) * (direction === 'buy' ? -1 : 1);
  const stopLoss = options.stopLoss ?? (symbol === 'XAUUSD' ? 2650 : 1.1) + distance;
  const placed = await h.engine.servicesFor(options.plugin ?? 'alpha').orderExecution.placeOrder({
    alert: alert({ symbol }),
    direction,
    leg: 'B',
    lots: 0.1,
    stopLoss,
    ...(options.lifecycle === undefined ? {} : { lifecycle: options.lifecycle }),
  });
  if (!placed.ok) throw new Error(`order B not placed: ${placed.code}: ${placed.reason}`);
  return placed.value;
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
