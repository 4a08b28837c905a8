import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrokerEvent, BrokerResult, MarketOrderRequest } from '@zepix/broker-api';
import { MetaApiBroker } from './MetaApiBroker.js';
import type { MetaApiBrokerOptions } from './options.js';
import { startMetaApiEmulator } from './testing.js';
import type { MetaApiEmulator, MetaApiEmulatorOptions } from './testing.js';

/** Quotes every test starts from. */
export const PRICES = {
  XAUUSD: { bid: 2650, ask: 2650.2 },
  EURUSD: { bid: 1.1, ask: 1.10012 },
  USDJPY: { bid: 150, ask: 150.012 },
};

/** An emulator, an adapter on it over a temp data folder, and the events the adapter emitted. */
export interface Rig {
  readonly emulator: MetaApiEmulator;
  broker: MetaApiBroker;
  readonly events: BrokerEvent[];
  readonly dir: string;
  /** Closes the adapter and opens a new one on the same data file (a restart). */
  reopen(overrides?: Partial<MetaApiBrokerOptions>): MetaApiBroker;
  stop(): Promise<void>;
}

export async function startRig(
  options: { emulator?: MetaApiEmulatorOptions; broker?: Partial<MetaApiBrokerOptions> } = {},
): Promise<Rig> {
  const emulator = await startMetaApiEmulator({ prices: PRICES, ...options.emulator });
  const dir = mkdtempSync(join(tmpdir(), 'zepix-metaapi-'));
  const events: BrokerEvent[] = [];
  const open = (overrides: Partial<MetaApiBrokerOptions> = {}) => {
    const broker = MetaApiBroker.open({
      token: emulator.token,
      accountId: emulator.accountId,
      apiUrl: emulator.url,
      dataPath: join(dir, 'metaapi.db'),
      pollIntervalMs: 0,
      timeoutMs: 2_000,
      ...options.broker,
      ...overrides,
    });
    broker.onEvent((event) => events.push(event));
    return broker;
  };
  const rig: Rig = {
    emulator,
    broker: open(),
    events,
    dir,
    reopen: (overrides) => {
      rig.broker = open(overrides);
      return rig.broker;
    },
    stop: async () => {
      await rig.broker.close();
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return rig;
}

export function expectOk<T>(result: BrokerResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result)}`);
  return result.value;
}

export function order(overrides: Partial<MarketOrderRequest> = {}): MarketOrderRequest {
  return {
    clientOrderId: 'z0123456789abc-S',
    symbol: 'XAUUSD',
    direction: 'buy',
    lots: 0.1,
    stopLoss: 2640,
    takeProfit: 2670,
    ...overrides,
  };
}

/** The trade requests the emulator received. */
export function tradeBodies(emulator: MetaApiEmulator): Record<string, unknown>[] {
  return emulator.requests.filter((r) => r.path.endsWith('/trade')).map((r) => r.body as Record<string, unknown>);
}
