import type { Direction, MtfTrends, TrendService } from '@zepix/plugin-core';
import type { CombinedV3Config } from './config.js';

/** Result of the 4-pillar check, with where the trends came from. */
export interface AlignmentResult {
  readonly aligned: boolean;
  readonly agreeing: number;
  readonly detail: string;
  readonly source: 'store' | 'alert';
}

const sign = (direction: Direction) => (direction === 'buy' ? 1 : -1);

/** Counts the pillars in the alert's own trends that agree with the direction; undefined if any pillar is missing. */
function fromAlert(
  trends: MtfTrends | undefined,
  direction: Direction,
  settings: CombinedV3Config['trend_alignment'],
): AlignmentResult | undefined {
  if (!trends || settings.pillars.some((tf) => trends[tf] === undefined)) return undefined;
  const agreeing = settings.pillars.filter((tf) => trends[tf] === sign(direction)).length;
  const detail = settings.pillars.map((tf) => `${tf}:${trends[tf]}`).join(' ');
  return { aligned: agreeing >= settings.min_agreeing, agreeing, detail, source: 'alert' };
}

/**
 * The V3 4-pillar rule: at least `min_agreeing` (3) of the pillars (15m, 1h, 4h, 1d) agree with the direction.
 * By default it asks the shared trend store, which already holds this alert's mtf_trends (the bot writes them
 * before dispatch) and also honours an operator's manual trend lock; `use_alert_trends` judges by the alert's
 * own snapshot instead, falling back to the store when the alert lacks a pillar.
 */
export async function checkPillars(options: {
  readonly trends: TrendService;
  readonly symbol: string;
  readonly direction: Direction;
  readonly alertTrends: MtfTrends | undefined;
  readonly settings: CombinedV3Config['trend_alignment'];
}): Promise<AlignmentResult> {
  const { settings } = options;
  if (settings.use_alert_trends) {
    const local = fromAlert(options.alertTrends, options.direction, settings);
    if (local) return local;
  }
  const result = await options.trends.checkAlignment({
    symbol: options.symbol,
    direction: options.direction,
    timeframes: settings.pillars,
    minAgreeing: settings.min_agreeing,
  });
  return { ...result, source: 'store' };
}
