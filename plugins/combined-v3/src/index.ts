export { CombinedV3Plugin } from './CombinedV3Plugin.js';
export { combinedV3ConfigSchema, LOGIC_IDS } from './config.js';
export type { CombinedV3Config, LogicId, LogicSettings } from './config.js';
export { consensusMultiplier, lotMultiplier } from './lots.js';
export type { LotMultiplier } from './lots.js';
export { routeToLogic } from './routing.js';
export type { Route } from './routing.js';
