import { LOGIC_IDS } from './config.js';
import type { LogicId, TrendLogicConfig } from './config.js';

/** The logic that trades entries on this chart timeframe (5 → logic1, 15 → logic2, 60 → logic3), if any. */
export function logicForTimeframe(timeframe: number, logics: TrendLogicConfig['logics']): LogicId | undefined {
  return LOGIC_IDS.find((id) => logics[id].timeframe === timeframe);
}

/** The logics whose alignment reads this trend timeframe (15 → logic1, logic2; 60 → all; 1440 → logic3). */
export function logicsUsingTrend(timeframe: number, logics: TrendLogicConfig['logics']): LogicId[] {
  return LOGIC_IDS.filter((id) => logics[id].alignment_timeframes.includes(timeframe));
}

/** "5m, 15m and 60m" for a rejection that lists what the plugin does trade. */
export function describeTimeframes(logics: TrendLogicConfig['logics']): string {
  const names = LOGIC_IDS.map((id) => `${logics[id].timeframe}m`);
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}
