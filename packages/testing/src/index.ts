export { createPluginHarness } from './createPluginHarness.js';
export type { PluginHarness, PluginHarnessOptions } from './createPluginHarness.js';
export { HarnessTrends } from './HarnessTrends.js';
export type { ServiceCall } from './recordServices.js';
