import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EmulatedAccount } from './emulator/EmulatedAccount.js';
import { FaultQueue } from './emulator/emulatorFaults.js';
import type { EmulatorFault } from './emulator/emulatorFaults.js';
import { EmulatorServer } from './emulator/emulatorServer.js';
import type { RecordedRequest } from './emulator/emulatorServer.js';
import { DEFAULT_EMULATED_SYMBOLS } from './emulator/emulatorSymbols.js';
import type { EmulatedSymbol } from './emulator/emulatorSymbols.js';
import type { MetatraderDeal } from './wire.js';

export type { EmulatedAccount, DealReason } from './emulator/EmulatedAccount.js';
export type { EmulatorFault, FaultTarget } from './emulator/emulatorFaults.js';
export type { RecordedRequest } from './emulator/emulatorServer.js';
export type { EmulatedSymbol } from './emulator/emulatorSymbols.js';
export { DEFAULT_EMULATED_SYMBOLS } from './emulator/emulatorSymbols.js';

/** How to start an emulator; everything has a default. */
export interface MetaApiEmulatorOptions {
  readonly token?: string;
  readonly accountId?: string;
  /** `demo` (default) or `live`: reported as the account information's `type`. */
  readonly accountType?: 'demo' | 'live';
  readonly balance?: number;
  readonly currency?: string;
  readonly leverage?: number;
  readonly symbols?: readonly EmulatedSymbol[];
  /** Initial quotes, e.g. `{ XAUUSD: { bid: 2650, ask: 2650.2 } }`. */
  readonly prices?: Readonly<Record<string, { readonly bid: number; readonly ask: number }>>;
  readonly brokerUtcOffsetHours?: number;
  readonly now?: () => Date;
}

/** A running emulator of MetaApi's REST API on 127.0.0.1 with one MetaTrader 5 account behind it. */
export interface MetaApiEmulator {
  /** Base URL to pass as the adapter's `apiUrl` (ZEPIX_METAAPI_API_URL). */
  readonly url: string;
  readonly token: string;
  readonly accountId: string;
  readonly account: EmulatedAccount;
  /** Every request received, oldest first. */
  readonly requests: readonly RecordedRequest[];
  /** Moves the market; positions whose SL/TP the quote crosses close and their deals are returned. */
  setPrice(symbol: string, bid: number, ask: number): MetatraderDeal[];
  inject(fault: EmulatorFault): void;
  close(): Promise<void>;
}

/** Starts an emulator on a free loopback port. */
export async function startMetaApiEmulator(options: MetaApiEmulatorOptions = {}): Promise<MetaApiEmulator> {
  const token = options.token ?? 'emulator-token';
  const accountId = options.accountId ?? 'emulated-account-1';
  const account = new EmulatedAccount({
    symbols: options.symbols ?? DEFAULT_EMULATED_SYMBOLS,
    balance: options.balance ?? 10_000,
    currency: options.currency ?? 'USD',
    leverage: options.leverage ?? 100,
    accountType: options.accountType === 'live' ? 'ACCOUNT_TRADE_MODE_REAL' : 'ACCOUNT_TRADE_MODE_DEMO',
    brokerUtcOffsetHours: options.brokerUtcOffsetHours ?? 2,
    now: options.now ?? (() => new Date()),
  });
  for (const [symbol, quote] of Object.entries(options.prices ?? {})) account.setPrice(symbol, quote.bid, quote.ask);
  const faults = new FaultQueue();
  const handler = new EmulatorServer(account, faults, { token, accountId });
  const server = createServer((req, res) => {
    handler.handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 500, error: 'InternalError', message: String(error) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    accountId,
    account,
    requests: handler.requests,
    setPrice: (symbol, bid, ask) => account.setPrice(symbol, bid, ask),
    inject: (fault) => faults.inject(fault),
    close: async () => {
      handler.dropHanging();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
