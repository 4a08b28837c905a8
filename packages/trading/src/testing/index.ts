export { FakeBroker } from './FakeBroker.js';
export type { FakeBrokerOptions } from './FakeBroker.js';
export type { FakeFault, FakeOperation } from './faults.js';
export { StubTrends } from './StubTrends.js';
export { createPluginHarness } from './createPluginHarness.js';
export type { PluginHarness, PluginHarnessOptions } from './createPluginHarness.js';
