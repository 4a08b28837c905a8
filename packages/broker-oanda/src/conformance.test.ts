import { describeBrokerConformance } from '@zepix/broker-api/testing';
import type { ConformanceFault } from '@zepix/broker-api/testing';
import { connectToEmulator, waitForPrice } from './testSupport.js';

describeBrokerConformance('oanda (v20 emulator)', async () => {
  const { emulator, broker } = await connectToEmulator();
  let paused = false;
  const inject = (fault: ConformanceFault) => {
    if (fault.kind === 'market-closed') {
      const quote = emulator.account.ledger.quotes.get('EUR_USD');
      emulator.setPrice('EUR_USD', quote?.bid ?? 1.1, quote?.ask ?? 1.1002, false);
    } else {
      if (fault.kind === 'drop-streams') paused = true;
      emulator.inject(fault);
    }
    return Promise.resolve();
  };
  return {
    broker,
    faults: ['timeout-after-commit', 'http-status', 'market-closed', 'drop-streams'],
    setPrice: async ({ bid, ask }) => {
      emulator.setPrice('EUR_USD', bid, ask);
      if (paused) {
        // The move happened while the streams were down; now let them reconnect and catch up.
        paused = false;
        emulator.resumeStreams();
        return;
      }
      await waitForPrice(broker, 'EURUSD', bid);
    },
    inject,
    dispose: async () => {
      await broker.close();
      await emulator.close();
    },
  };
});
