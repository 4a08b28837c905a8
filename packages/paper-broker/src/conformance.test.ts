import { describeBrokerConformance } from '@zepix/broker-api/testing';
import type { ConformanceFault } from '@zepix/broker-api/testing';
import { openBroker } from './testSupport.js';

describeBrokerConformance('paper', () => {
  const broker = openBroker(':memory:', { startingBalance: 10_000 });
  return Promise.resolve({
    broker,
    faults: ['timeout-after-commit'],
    setPrice: (price) => {
      broker.updatePrice(price);
      return Promise.resolve();
    },
    inject: (fault: ConformanceFault) => {
      if (fault.kind !== 'timeout-after-commit') throw new Error(`the paper broker cannot inject ${fault.kind}`);
      broker.injectFault({ method: 'placeMarketOrder', outcome: 'unknown-after' });
      return Promise.resolve();
    },
    dispose: () => broker.close(),
  });
});
