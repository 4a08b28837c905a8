import { afterEach, expect } from 'vitest';
import { startTestBot } from './botHarness.js';
import type { TestBot } from './botHarness.js';
import { BOT_DIR } from './fixtureProject.js';

/** A trade as GET /api/trades lists it. */
export interface Trade {
  id: string;
  plugin: string;
  symbol: string;
  direction: string;
  leg: string;
  origin: string;
  state: string;
  lots: number;
  entryPrice: number;
  stopLoss: number | null;
  takeProfit: number | null;
  chainLevel: number | null;
  reentryLevel: number;
  closeReason: string | null;
  realizedPnl: number;
}

const bots: TestBot[] = [];
afterEach(async () => {
  for (const bot of bots.splice(0)) await bot.remove();
});

/** The real bot with its real plugins (combined-v3, trend-logic, template) and the paper broker. */
export async function start(config: unknown): Promise<TestBot> {
  const bot = await startTestBot({ projectDir: BOT_DIR, config });
  bots.push(bot);
  return bot;
}

/** Stops the bot and starts it again on the same data folder. */
export async function restart(bot: TestBot): Promise<TestBot> {
  bots.splice(bots.indexOf(bot), 1);
  const again = await bot.restart();
  bots.push(again);
  return again;
}

/** Posts an alert with the secret, expects it accepted, and waits until it is dispatched. */
export async function send(bot: TestBot, fields: Record<string, unknown>): Promise<number> {
  const answer = await bot.post(JSON.stringify({ secret: bot.running.secrets.webhookSecret, ...fields }));
  expect(answer.body.status).toBe('accepted');
  await bot.dispatched(answer.body.id as number);
  return answer.body.id as number;
}

/**
 * trend-logic with single orders and a 150-pip gold SL (2.25 for logic2): the settings before the original's
 * defaults (dual orders, 1500 pips) came back, for tests about something else than those defaults.
 */
export const singleTrendLogic = { 'trend-logic': { orders: { mode: 'single' }, stop_loss: { metals_pips: 150 } } };

/** A V3 entry on XAUUSD with Pine SL 2 below, TP1 2 and TP2 5 above. */
export const v3Entry = (price: number, extra: Record<string, unknown> = {}) => ({
  type: 'entry_v3',
  signal_type: 'Institutional_Launchpad',
  symbol: 'XAUUSD',
  direction: 'buy',
  tf: '15',
  price,
  consensus_score: 8,
  sl_price: price - 2,
  tp1_price: price + 2,
  tp2_price: price + 5,
  mtf_trends: '1,1,1,1,1',
  market_trend: 1,
  position_multiplier: 0.8,
  ...extra,
});

/** A legacy alert on XAUUSD 15m. */
export const legacy = (type: string, signal: string, extra: Record<string, unknown> = {}) => ({
  type,
  symbol: 'XAUUSD',
  signal,
  tf: '15m',
  strategy: 'ZepixPremium',
  ...extra,
});

/** Trades from the operator API (`query` like "?plugin=x&state=open"). */
export async function trades(bot: TestBot, query = ''): Promise<Trade[]> {
  return (await bot.api(`/trades${query}`)).body.trades as Trade[];
}

/** Moves the paper broker's price (XAUUSD unless `symbol` is given). */
export async function price(bot: TestBot, mid: number, symbol = 'XAUUSD'): Promise<void> {
  const answer = await bot.api('/prices', { method: 'POST', body: { symbol, price: mid } });
  expect(answer.status).toBe(200);
}
