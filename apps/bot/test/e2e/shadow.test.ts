import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestBot } from '../botHarness.js';
import type { TestBot } from '../botHarness.js';
import { BOT_DIR } from '../fixtureProject.js';
import { v3EntryFields } from '../v3Alert.js';

interface Results {
  plugin: string;
  mode: string;
  trades: number;
  open: number;
  pnl: number;
  unrealizedPnl: number;
}

const bots: TestBot[] = [];
afterEach(async () => {
  for (const bot of bots.splice(0)) await bot.remove();
});

describe('shadow mode', () => {
  it('a shadow plugin gets the live alerts, trades on its own paper broker and is reported beside the live ones', async () => {
    const bot = await startTestBot({
      projectDir: BOT_DIR,
      config: {
        broker: { starting_balance: 100_000 },
        // Only trend-logic is routed v3 alerts; the shadow plugin gets them anyway.
        routing: { rules: [{ plugins: ['trend-logic'], family: 'v3' }] },
        plugins: { 'combined-v3': { mode: 'shadow' } },
      },
    });
    bots.push(bot);
    const answer = await bot.post(
      JSON.stringify({ secret: bot.running.secrets.webhookSecret, ...v3EntryFields(2030) }),
    );
    await bot.dispatched(answer.body.id as number);
    const outcomes = bot.running.journal.get(answer.body.id as number)!.outcomes;
    expect(outcomes.find((o) => o.plugin === 'combined-v3')).toMatchObject({ status: 'ok' });

    // Nothing on the live account or its risk…
    expect((await bot.api('/trades')).body.trades).toEqual([]);
    expect((await bot.api('/risk')).body).toMatchObject({ openPositions: 0 });
    // …both legs on the shadow broker, in its own data folder.
    let shadow = (await bot.api('/shadow')).body as { plugins: Results[]; live: Results[] };
    expect(shadow.plugins).toEqual([expect.objectContaining({ plugin: 'combined-v3', mode: 'shadow', open: 2 })]);
    expect(shadow.live.map((p) => p.plugin)).toContain('trend-logic');
    expect(existsSync(join(bot.dataDir, 'shadow', 'zepix_trading.db'))).toBe(true);

    // Live prices move the shadow market too: leg B reaches its TP1 at 2032 and closes in profit.
    expect((await bot.api('/prices', { method: 'POST', body: { symbol: 'XAUUSD', price: 2032.5 } })).status).toBe(200);
    shadow = (await bot.api('/shadow')).body as { plugins: Results[]; live: Results[] };
    expect(shadow.plugins[0]!.trades).toBeGreaterThanOrEqual(1);
    expect(shadow.plugins[0]!.pnl).toBeGreaterThan(0);
    expect((await bot.api('/trades')).body.trades).toEqual([]);
  });

  it('without shadow plugins /api/shadow lists none and no shadow broker is opened', async () => {
    const bot = await startTestBot({ projectDir: BOT_DIR });
    bots.push(bot);
    expect((await bot.api('/shadow')).body).toMatchObject({ plugins: [] });
    expect(existsSync(join(bot.dataDir, 'shadow'))).toBe(false);
  });
});
