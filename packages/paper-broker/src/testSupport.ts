import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrokerResult, MarketOrderRequest } from '@zepix/broker-api';
import { SymbolBook } from '@zepix/symbols';
import { PaperBroker } from './PaperBroker.js';
import type { PaperBrokerOptions } from './PaperBroker.js';

/** The fixed clock of the tests. */
export const T0 = new Date('2026-01-05T10:00:00.000Z');

/** A fresh folder for one test's database file, and a way to remove it. */
export function tempDir(): { dir: string; dbPath: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'zepix-paper-'));
  return { dir, dbPath: join(dir, 'paper.db'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A broker on `path` with the default symbol book and the fixed clock. */
export function openBroker(path: string, overrides: Partial<PaperBrokerOptions> = {}): PaperBroker {
  return PaperBroker.open({ path, symbols: new SymbolBook(), now: () => T0, ...overrides });
}

/** The value of an ok answer; fails the test with the answer otherwise. */
export function expectOk<T>(result: BrokerResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result)}`);
  return result.value;
}

/** A market order with sensible defaults. */
export function order(overrides: Partial<MarketOrderRequest> = {}): MarketOrderRequest {
  return { clientOrderId: 'c1', symbol: 'EURUSD', direction: 'buy', lots: 0.1, ...overrides };
}
