import { expect } from 'vitest';
import { startTestBot } from './botHarness.js';
import type { TestBot } from './botHarness.js';
import { BOT_DIR } from './fixtureProject.js';

/** A trade as GET /api/trades lists it. */
export interface V6Trade {
  id: string;
  plugin: string;
  leg: string;
  state: string;
  lots: number;
  entryPrice: number;
  stopLoss: number | null;
  takeProfit: number | null;
  closeReason: string | null;
  exitNote: string | null;
}

/** One plugin's answer to an alert, as the journal keeps it. */
export interface Outcome {
  plugin: string;
  status: string;
  message: string;
}

/** A V6 entry in pipe text: `BULLISH_ENTRY|XAUUSD|<tf>|<price>|BUY|HIGH|<score>|<adx>|STRONG|sl|tp1|tp2|tp3|5/1|TL_OK`. */
export function v6Entry(options: {
  tf: number;
  price?: number;
  side?: 'buy' | 'sell';
  score?: number;
  adx?: number;
  tp3?: number;
}): string {
  const price = options.price ?? 2030.5;
  const buy = (options.side ?? 'buy') === 'buy';
  const at = (offset: number) => (price + (buy ? offset : -offset)).toFixed(2);
  const tp3 = options.tp3 === undefined ? at(7.5) : options.tp3.toFixed(2);
  return [
    buy ? 'BULLISH_ENTRY' : 'BEARISH_ENTRY',
    'XAUUSD',
    options.tf,
    price.toFixed(2),
    buy ? 'BUY' : 'SELL',
    'HIGH',
    options.score ?? 85,
    options.adx ?? 25.5,
    'STRONG',
    at(-2.5),
    at(1.5),
    at(4.5),
    tp3,
    '5/1',
    'TL_OK',
  ].join('|');
}

/** A V6 TREND_PULSE: counts, then the changed list (`15` or `15:BEAR→BULL,1D:BEAR→BULL`). */
export const v6Pulse = (tf: number, bulls: number, bears: number, changed = String(tf)) =>
  `TREND_PULSE|XAUUSD|${tf}|${bulls}|${bears}|${changed}|${bulls > bears ? 'TRENDING_BULLISH' : 'TRENDING_BEARISH'}`;

/** A V6 exit: EXIT_BULLISH closes sells, EXIT_BEARISH closes buys. */
export const v6Exit = (tf: number, closes: 'buy' | 'sell', price = 2031.2) =>
  `${closes === 'sell' ? 'EXIT_BULLISH' : 'EXIT_BEARISH'}|XAUUSD|${tf}|${price}|3`;

/** The real bot with its real plugins (the V6 four among them) and the paper broker. */
export class V6Bot {
  private constructor(public bot: TestBot) {}

  /** Starts the real bot; `clockOffset` moves its engine's clock (kept across restarts). */
  static async start(config: unknown, clockOffset?: SharedArrayBuffer): Promise<V6Bot> {
    return new V6Bot(await startTestBot({ projectDir: BOT_DIR, config, ...(clockOffset ? { clockOffset } : {}) }));
  }

  /** Posts pipe text with the secret in the URL, waits for dispatch, returns the journal id. */
  async send(text: string): Promise<number> {
    const answer = await this.bot.post(text, {
      contentType: 'text/plain',
      token: this.bot.running.secrets.webhookSecret,
    });
    expect(answer.body, text).toMatchObject({ status: 'accepted' });
    const id = answer.body.id as number;
    await this.bot.dispatched(id);
    return id;
  }

  /** What `plugin` answered to the alert `id`. */
  async outcome(id: number, plugin: string): Promise<Outcome> {
    const alert = await this.bot.api(`/alerts/${id}`);
    const found = (alert.body.outcomes as Outcome[]).find((o) => o.plugin === plugin);
    if (!found) throw new Error(`no outcome of ${plugin} for alert ${id}: ${JSON.stringify(alert.body)}`);
    return found;
  }

  /** Sends the alert and returns what `plugin` answered. */
  async answer(text: string, plugin: string): Promise<Outcome> {
    return this.outcome(await this.send(text), plugin);
  }

  async trades(plugin: string): Promise<V6Trade[]> {
    return (await this.bot.api(`/trades?plugin=${plugin}`)).body.trades as V6Trade[];
  }

  /** Moves the XAUUSD price (mid; the paper broker puts its spread around it). */
  async price(mid: number): Promise<void> {
    const answer = await this.bot.api('/prices', { method: 'POST', body: { symbol: 'XAUUSD', price: mid } });
    expect(answer.status).toBe(200);
  }

  async restart(): Promise<void> {
    this.bot = await this.bot.restart();
  }

  remove(): Promise<void> {
    return this.bot.remove();
  }
}

/**
 * The operator's per-plugin reward:risk floors the V6 READMEs ask for: 1m's SL 15 / TP 10 pips (R:R 0.67) and 5m's
 * order B to TP1 trade while every other plugin keeps the account's floor of 1.
 */
export const V6_PLUGINS = { 'v6-1m': { risk: { min_rr_ratio: 0.5 } }, 'v6-5m': { risk: { min_rr_ratio: 0.5 } } };

/** Paper settings the 1m scalper can trade with: a 1-pip gold spread, and the floors above. */
export const V6_CONFIG = {
  broker: { starting_balance: 100_000, spread_pips: { XAUUSD: 1 } },
  plugins: V6_PLUGINS,
};
