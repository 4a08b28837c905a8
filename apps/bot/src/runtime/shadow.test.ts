import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { BotConfigSchema } from '../config/configSchema.js';
import { TrendStore } from '../trends/TrendStore.js';
import { openShadowRuntime } from './shadow.js';
import { TradingRuntime } from './TradingRuntime.js';

const cleanup: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function scratch() {
  const dataDir = mkdtempSync(join(tmpdir(), 'zepix-shadow-'));
  const trends = new TrendStore(join(dataDir, 'zepix_trends.db'));
  cleanup.push(
    () => rmSync(dataDir, { recursive: true, force: true }),
    () => trends.close(),
  );
  return { dataDir, trends, logger: pino({ level: 'silent' }) };
}

describe('openShadowRuntime', () => {
  it('opens the paper broker in data/shadow even when the live broker is a real one, and follows live prices', async () => {
    const parts = scratch();
    const live = await TradingRuntime.open({ ...parts, config: BotConfigSchema.parse({}) });
    cleanup.push(() => live.close());
    // No OANDA token in env: opening OANDA here would throw, so only the paper broker can open.
    const config = BotConfigSchema.parse({
      broker: { kind: 'oanda', oanda: { environment: 'practice', account_id: '101-001-1-001' } },
      plugins: { next: { mode: 'shadow' } },
    });
    const shadow = await openShadowRuntime({ ...parts, config, env: {}, live });
    cleanup.push(() => shadow?.close());
    expect(shadow?.brokerIdentity.kind).toBe('paper');
    await live.feedPrice({ symbol: 'EURUSD', mid: 1.1 });
    const quote = await shadow!.broker.getPrice('EURUSD');
    expect(quote).toMatchObject({ ok: true });
    if (quote.ok) expect((quote.value.bid + quote.value.ask) / 2).toBeCloseTo(1.1, 5);
  });

  it('opens nothing without a shadow plugin', async () => {
    const parts = scratch();
    const config = BotConfigSchema.parse({});
    const live = await TradingRuntime.open({ ...parts, config });
    cleanup.push(() => live.close());
    expect(await openShadowRuntime({ ...parts, config, live })).toBeUndefined();
  });
});
