export { FakeBroker } from './FakeBroker.js';
export type { FakeBrokerOptions } from './FakeBroker.js';
export type { FakeFault, FakeOperation } from './faults.js';
export { StubTrends } from './StubTrends.js';
