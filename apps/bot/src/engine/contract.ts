import type { TradeClose } from '@zepix/broker-api';
import type { OutcomeInput } from '@zepix/journal';
import type { Alert, PluginStatus } from '@zepix/plugin-core';
import type { RiskReport, TradingEngine } from '@zepix/trading';
import type { StartupReport } from '../discovery/startupReport.js';
import type { BrokerIdentity } from '../runtime/brokers/createBroker.js';
import type { OpenPosition } from '../runtime/openPositions.js';
import type { PluginResults } from '../runtime/shadow.js';
import type { PriceInput } from '../runtime/TradingRuntime.js';
import type { TrendStore } from '../trends/TrendStore.js';

/**
 * The whole contract between the intake (main thread) and the engine (worker thread). Everything that crosses
 * is a structured-clonable message defined here; nothing else is shared but the journal file. This is the seam
 * for a later scale-out: `journaled` becomes a JetStream message, `command` a request/reply subject.
 */

/** What the engine needs to start: it loads config and plugins itself from the same places. */
export interface EngineInit {
  readonly cwd: string;
  readonly dataDir: string;
  readonly configPath?: string;
  readonly projectDir?: string;
  /** Environment for Telegram settings. */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly logLevel: string;
  /** How often the engine reports it is alive (ms); /health calls it stalled after a few missed beats. */
  readonly heartbeatMs: number;
  /** Test hook: a shared BigInt64 of milliseconds added to the plugins' and trading's clock. */
  readonly clockOffset?: SharedArrayBuffer;
}

/** What the engine's plugins look like from the intake, refreshed with every heartbeat. */
export interface EngineSnapshot {
  readonly plugins: { readonly loaded: number; readonly enabled: number };
  /** Plugin calls queued or running. */
  readonly dispatchQueue: number;
  /** Alerts waiting for a transient failure to clear (locked database, broker unknown, timeout). */
  readonly retrying: number;
  readonly at: number;
}

/** Operator commands (API writes and reads of trading state): each runs in the engine and answers once. */
export interface EngineCommands {
  plugins(): PluginStatus[];
  setPluginEnabled(id: string, enabled: boolean, reason: string): { ok: true; status: PluginStatus } | undefined;
  feedPrice(price: PriceInput): TradeClose[];
  listTrades(query: Parameters<TradingEngine['listTrades']>[0]): ReturnType<TradingEngine['listTrades']>;
  closeTrade(id: string, reason: string): Awaited<ReturnType<TradingEngine['closeTrade']>>;
  chains(symbol?: string): ReturnType<TradingEngine['chains']>;
  /** The risk state, with the broker's live balance when it answers (`balanceSource` says which). */
  risk(): RiskReport & { readonly balanceSource?: string };
  pause(reason: string): RiskReport;
  resume(): RiskReport;
  closeAll(reason: string): { closed: number; failed: number };
  analytics(plugin?: string): ReturnType<TradingEngine['analytics']>;
  trends(symbol?: string): ReturnType<TrendStore['list']>;
  lockTrend(symbol: string, timeframe: number, trend: 1 | -1 | 0, at: string): ReturnType<TrendStore['lock']>;
  unlockTrend(symbol: string, timeframe: number): boolean;
  notify(text: string, kind: string): null;
  /** Open positions with their unrealised P/L and latest price (the dashboard). */
  positions(): OpenPosition[];
  /** Shadow plugins' results beside the live plugins' (`GET /api/shadow`). */
  shadow(): { plugins: PluginResults[]; live: PluginResults[] };
  /** The engine thread's metrics in Prometheus text ('' with ZEPIX_METRICS=off); the intake appends them. */
  metrics(): string;
  /** Answers once every alert handed to the engine so far has been dispatched (tests, shutdown). */
  idle(): null;
}

/** One command by name with its arguments. */
export type EngineCommand = {
  [K in keyof EngineCommands]: { readonly name: K; readonly args: Parameters<EngineCommands[K]> };
}[keyof EngineCommands];

/** Intake → engine. */
export type ToEngine =
  /** A new accepted journal row. The journal is the durable queue; this only saves the engine a poll. */
  | { readonly type: 'journaled'; readonly id: number; readonly alert: Alert }
  | { readonly type: 'command'; readonly callId: number; readonly command: EngineCommand }
  /** Finish every queued dispatch, then close plugins and databases, then answer `closed`. */
  | { readonly type: 'drain' };

/** An error that crossed the thread: its code, and the sentence (and fix) to show. */
export interface EngineFailure {
  readonly code: string;
  readonly message: string;
  readonly hint?: string;
}

/** Engine → intake. */
export type FromEngine =
  | {
      readonly type: 'ready';
      readonly plugins: readonly string[];
      readonly report: StartupReport;
      /** Accepted rows left unfinished by the last run, queued before any newer alert. */
      readonly recovered: number;
      readonly snapshot: EngineSnapshot;
      /** Which broker, account and environment the engine trades on (banner, /health, POST /api/prices). */
      readonly broker: BrokerIdentity;
    }
  | { readonly type: 'heartbeat'; readonly snapshot: EngineSnapshot }
  /**
   * A plugin's outcome, and an alert fully dispatched: the intake writes both to the journal, so the two threads
   * never wait on each other's journal write lock.
   */
  | { readonly type: 'outcome'; readonly outcome: OutcomeInput }
  | { readonly type: 'dispatched'; readonly id: number }
  | { readonly type: 'reply'; readonly callId: number; readonly value?: unknown; readonly error?: EngineFailure }
  | { readonly type: 'failed'; readonly error: EngineFailure }
  | { readonly type: 'closed' };
