export { TrendLogicPlugin } from './TrendLogicPlugin.js';
export { trendLogicConfigSchema, LOGIC_IDS } from './config.js';
export type { LogicId, LogicSettings, TrendLogicConfig } from './config.js';
export { logicForTimeframe, logicsUsingTrend } from './routing.js';
export { baseStopPips, computeStops } from './stops.js';
export type { BaseStop, StopLevels } from './stops.js';
