import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeBrokerConformance } from '@zepix/broker-api/testing';
import type { ConformanceFault } from '@zepix/broker-api/testing';
import { MetaApiBroker } from './MetaApiBroker.js';
import { startMetaApiEmulator } from './testing.js';
import type { EmulatorFault, MetaApiEmulator } from './testing.js';

function toEmulatorFault(fault: ConformanceFault, emulator: MetaApiEmulator): EmulatorFault | undefined {
  switch (fault.kind) {
    case 'timeout-after-commit':
      return { kind: 'timeout-after-commit' };
    case 'http-status': {
      const target = fault.requests === 'orders' ? 'trade' : 'reads';
      return fault.status === 429
        ? { kind: 'rate-limit', retryAfterMs: 20, target, count: fault.count }
        : { kind: 'http-error', status: fault.status, target, count: fault.count };
    }
    case 'market-closed':
      emulator.account.setMarketOpen(fault.symbol, false);
      return undefined;
    case 'drop-streams':
      throw new Error('MetaApi over REST has no streams to drop');
  }
}

describeBrokerConformance('metaapi (emulator)', async () => {
  const emulator = await startMetaApiEmulator();
  const dir = mkdtempSync(join(tmpdir(), 'zepix-metaapi-conformance-'));
  const broker = MetaApiBroker.open({
    token: emulator.token,
    accountId: emulator.accountId,
    apiUrl: emulator.url,
    dataPath: join(dir, 'metaapi.db'),
    // The kit waits for SL/TP fills and price events; a short poll keeps its waits short.
    pollIntervalMs: 25,
    // Long enough for a loaded CI machine; the lost-answer cases wait this long once each.
    timeoutMs: 3_000,
  });
  return {
    broker,
    faults: ['timeout-after-commit', 'http-status', 'market-closed'],
    setPrice: (price) => {
      emulator.setPrice(price.symbol, price.bid, price.ask);
      return Promise.resolve();
    },
    inject: (fault) => {
      const injected = toEmulatorFault(fault, emulator);
      if (injected !== undefined) emulator.inject(injected);
      return Promise.resolve();
    },
    dispose: async () => {
      await broker.close();
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
