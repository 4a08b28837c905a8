export { entryAlert, exitAlert, reversalAlert, squeezeAlert, trendAlert, trendPulseAlert } from './alertFactories.js';
export { createTestPlugin } from './createTestPlugin.js';
export type { CreateTestPluginOptions } from './createTestPlugin.js';
export { checkPluginPackage, expectValidPluginPackage } from './checkPluginPackage.js';
export type { CheckPluginPackageOptions, PluginPackageReport } from './checkPluginPackage.js';
