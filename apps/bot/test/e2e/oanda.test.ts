import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { startOandaEmulator } from '@zepix/broker-oanda/testing';
import type { OandaEmulator } from '@zepix/broker-oanda/testing';
import { startTestBot } from '../botHarness.js';
import type { TestBot } from '../botHarness.js';
import { BOT_DIR } from '../fixtureProject.js';
import { GOLD_V3_ENTRY as v3Entry, cleanupAfterEach } from '../realBroker.js';
import type { Trade } from '../realBroker.js';
import { runCliAsync } from '../runCli.js';

const cleanups = cleanupAfterEach();

async function emulator(): Promise<OandaEmulator> {
  const started = await startOandaEmulator({ heartbeatMs: 200 });
  cleanups.push(() => started.close());
  started.setPrice('XAU_USD', 2029.9, 2030.1);
  return started;
}

function oandaEnv(oanda: OandaEmulator, token = oanda.token): NodeJS.ProcessEnv {
  return { ZEPIX_OANDA_TOKEN: token, ZEPIX_OANDA_API_URL: oanda.url, ZEPIX_OANDA_STREAM_URL: oanda.url };
}

const config = (oanda: OandaEmulator) => ({
  broker: { kind: 'oanda', oanda: { environment: 'practice', account_id: oanda.accountId } },
});

describe('the bot on OANDA (v20 emulator on loopback)', () => {
  it('places the orders of a webhook alert at OANDA and sees the SL fills come back on the transaction stream', async () => {
    const oanda = await emulator();
    const bot: TestBot = await startTestBot({ projectDir: BOT_DIR, config: config(oanda), env: oandaEnv(oanda) });
    cleanups.push(() => bot.remove());
    const health = await fetch(`${bot.url}/health`).then((r) => r.json() as Promise<Record<string, unknown>>);
    expect(health.broker).toEqual({ kind: 'oanda', account: oanda.accountId, environment: 'practice' });
    const price = await bot.api('/prices', { method: 'POST', body: { symbol: 'XAUUSD', price: 2000 } });
    expect(price.status).toBe(409);
    expect(JSON.stringify(price.body)).toContain('ZEPIX_API_PRICE_NOT_PAPER');

    const answer = await bot.post(JSON.stringify({ secret: bot.running.secrets.webhookSecret, ...v3Entry }));
    expect(answer.body.status).toBe('accepted');
    await bot.dispatched(answer.body.id as number);
    const atOanda = oanda.account.ledger.openTrades();
    expect(atOanda).toHaveLength(2);
    // 0.36 lots of gold is 36 ounces; each trade carries the order's client id for reconciliation.
    expect(atOanda.map((t) => t.initialUnits)).toEqual([36, 36]);
    expect(atOanda.every((t) => (t.clientExtensions?.id ?? '').length > 0)).toBe(true);
    const open = (await bot.api('/trades?state=open')).body.trades as Trade[];
    expect(open.map((t) => t.entryPrice)).toEqual([2030.1, 2030.1]);

    oanda.setPrice('XAU_USD', 2027.9, 2028.1); // through both stops, at OANDA
    await expect
      .poll(async () => ((await bot.api('/trades')).body.trades as Trade[]).map((t) => t.closeReason), {
        timeout: 15_000,
      })
      .toEqual(['sl', 'sl']);
    const closed = (await bot.api('/trades')).body.trades as Trade[];
    // OANDA's realised P/L, not recomputed: (2027.9 − 2030.1) × 36 ounces.
    expect(closed.map((t) => t.realizedPnl)).toEqual([-79.2, -79.2]);
  });

  it('tells the operator at start-up about a trade opened at OANDA by hand, and leaves it alone', async () => {
    const oanda = await emulator();
    // As the trader would in OANDA's own platform: a market order with no Zepix client id.
    const byHand = await fetch(`${oanda.url}/v3/accounts/${oanda.accountId}/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${oanda.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ order: { type: 'MARKET', instrument: 'XAU_USD', units: '-5' } }),
    });
    expect(byHand.status).toBe(201);
    const [trade] = oanda.account.ledger.openTrades();
    const untouched = structuredClone(trade);
    const bot: TestBot = await startTestBot({ projectDir: BOT_DIR, config: config(oanda), env: oandaEnv(oanda) });
    cleanups.push(() => bot.remove());
    const db = new Database(join(bot.dataDir, 'zepix_trading.db'), { readonly: true });
    const notices = db.prepare("SELECT plugin, text FROM outbox WHERE kind = 'unknown_trades'").all();
    db.close();
    expect(notices).toEqual([
      {
        plugin: 'system',
        text: expect.stringContaining(
          `the oanda account holds 1 open trade(s) Zepix does not manage: SELL XAUUSD 0.05 lots @ 2029.9 (trade ${trade?.id})`,
        ),
      },
    ]);
    expect((await bot.api('/trades')).body.trades).toEqual([]);
    expect(oanda.account.ledger.openTrades()).toEqual([untouched]);
  });

  it('refuses to start with a bad token, naming OANDA and the fix', async () => {
    const oanda = await emulator();
    const started = startTestBot({ projectDir: BOT_DIR, config: config(oanda), env: oandaEnv(oanda, 'wrong-token') });
    await expect(started).rejects.toThrow(/OANDA refused the token .*ZEPIX_OANDA_TOKEN/);
  });
});

describe('zepix broker check', () => {
  async function check(oanda: OandaEmulator, env: NodeJS.ProcessEnv, broker: unknown = config(oanda).broker) {
    const dir = mkdtempSync(join(tmpdir(), 'zepix-broker-check-'));
    cleanups.push(() => Promise.resolve(rmSync(dir, { recursive: true, force: true })));
    writeFileSync(join(dir, 'zepix.config.json'), JSON.stringify({ broker }));
    return runCliAsync(['broker', 'check'], { cwd: dir, env });
  }

  it('prints the account, balance, currency and the instruments traded', async () => {
    const oanda = await emulator();
    const run = await check(oanda, oandaEnv(oanda));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Broker: oanda, account ${oanda.accountId}, environment practice.`);
    expect(run.stdout).toContain('Balance: 100000.00 USD; open trades: 0');
    expect(run.stdout).toMatch(/Instruments traded: .*XAUUSD/);
  });

  it('exits 1 with one line naming OANDA for a bad token, a missing token and a live account not confirmed', async () => {
    const oanda = await emulator();
    const bad = await check(oanda, oandaEnv(oanda, 'wrong-token'));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^zepix broker check: OANDA refused the token/);
    const missing = await check(oanda, { ...oandaEnv(oanda), ZEPIX_OANDA_TOKEN: '' });
    expect(missing.stderr).toMatch(/OANDA: broker.kind is "oanda" but ZEPIX_OANDA_TOKEN is not set/);
    const live = await check(oanda, oandaEnv(oanda), {
      kind: 'oanda',
      oanda: { environment: 'live', account_id: 'x' },
    });
    expect(live.code).toBe(1);
    expect(live.stderr).toMatch(/confirm_live/);
  });
});
