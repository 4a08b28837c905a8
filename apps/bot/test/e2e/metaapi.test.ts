import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMetaApiEmulator } from '@zepix/broker-metaapi/testing';
import type { MetaApiEmulator } from '@zepix/broker-metaapi/testing';
import { describe, expect, it } from 'vitest';
import { startTestBot } from '../botHarness.js';
import type { TestBot } from '../botHarness.js';
import { BOT_DIR } from '../fixtureProject.js';
import { GOLD_V3_ENTRY as v3Entry, cleanupAfterEach } from '../realBroker.js';
import type { Trade } from '../realBroker.js';
import { runCliAsync } from '../runCli.js';

const cleanups = cleanupAfterEach();

async function emulator(accountType: 'demo' | 'live' = 'demo'): Promise<MetaApiEmulator> {
  const started = await startMetaApiEmulator({
    accountType,
    balance: 100_000,
    token: 'e2e-metaapi-token',
    accountId: 'e2e-account',
    prices: { XAUUSD: { bid: 2029.9, ask: 2030.1 } },
  });
  cleanups.push(() => started.close());
  return started;
}

function metaApiEnv(metaapi: MetaApiEmulator, token = metaapi.token): NodeJS.ProcessEnv {
  return { ZEPIX_METAAPI_TOKEN: token, ZEPIX_METAAPI_API_URL: metaapi.url };
}

const config = (metaapi: MetaApiEmulator) => ({
  broker: { kind: 'metaapi', metaapi: { account_id: metaapi.accountId, region: 'london' } },
});

async function start(metaapi: MetaApiEmulator, reuse?: TestBot): Promise<TestBot> {
  const bot = await startTestBot({
    projectDir: BOT_DIR,
    config: config(metaapi),
    env: metaApiEnv(metaapi),
    ...(reuse ? { project: reuse.project, dataDir: reuse.dataDir } : {}),
  });
  cleanups.push(() => bot.remove());
  return bot;
}

const trades = async (bot: TestBot) => (await bot.api('/trades')).body.trades as Trade[];

describe('the bot on MetaApi (REST emulator on loopback)', () => {
  it('places the orders of a webhook alert at MetaApi and sees the SL closes come back from the history deals', async () => {
    const metaapi = await emulator();
    const bot = await start(metaapi);
    const health = await fetch(`${bot.url}/health`).then((r) => r.json() as Promise<Record<string, unknown>>);
    expect(health.broker).toEqual({ kind: 'metaapi', account: 'e2e-account', environment: 'demo' });

    const answer = await bot.post(JSON.stringify({ secret: bot.running.secrets.webhookSecret, ...v3Entry }));
    expect(answer.body.status).toBe('accepted');
    await bot.dispatched(answer.body.id as number);
    const atBroker = metaapi.account.positions();
    expect(atBroker.map((p) => [p.volume, p.openPrice])).toEqual([
      [0.36, 2030.1],
      [0.36, 2030.1],
    ]);
    // Each position carries the short clientId MetaApi allows (comment + clientId ≤ 26).
    expect(atBroker.every((p) => `${p.comment ?? ''}${p.clientId ?? ''}`.length <= 26)).toBe(true);
    expect((await trades(bot)).map((t) => [t.state, t.entryPrice])).toEqual([
      ['open', 2030.1],
      ['open', 2030.1],
    ]);

    metaapi.setPrice('XAUUSD', 2027.9, 2028.1); // through both stops, at the broker
    await expect
      .poll(async () => (await trades(bot)).map((t) => t.closeReason), { timeout: 15_000, interval: 100 })
      .toEqual(['sl', 'sl']);
    // MetaApi's booked profit, not recomputed: (2027.9 − 2030.1) × 0.36 lots × 100 oz.
    expect((await trades(bot)).map((t) => t.realizedPnl)).toEqual([-79.2, -79.2]);
  });

  it('catches up on an SL that filled while the bot was down', async () => {
    const metaapi = await emulator();
    const first = await start(metaapi);
    const answer = await first.post(JSON.stringify({ secret: first.running.secrets.webhookSecret, ...v3Entry }));
    await first.dispatched(answer.body.id as number);
    await first.stop();
    metaapi.setPrice('XAUUSD', 2027.9, 2028.1);
    const again = await start(metaapi, first);
    await expect
      .poll(async () => (await trades(again)).map((t) => t.closeReason), { timeout: 15_000, interval: 100 })
      .toEqual(['sl', 'sl']);
  });

  it('refuses to start with a bad token or an unconfirmed live account, naming MetaApi', async () => {
    const metaapi = await emulator();
    await expect(
      startTestBot({ projectDir: BOT_DIR, config: config(metaapi), env: metaApiEnv(metaapi, 'wrong-token') }),
    ).rejects.toThrow(/^MetaApi: .*ZEPIX_METAAPI_TOKEN/);
    const live = await emulator('live');
    await expect(startTestBot({ projectDir: BOT_DIR, config: config(live), env: metaApiEnv(live) })).rejects.toThrow(
      /MetaApi: account e2e-account .* is live and confirm_live is not set/,
    );
  });
});

describe('zepix broker check with MetaApi', () => {
  async function check(metaapi: MetaApiEmulator, env: NodeJS.ProcessEnv) {
    const dir = mkdtempSync(join(tmpdir(), 'zepix-broker-check-'));
    cleanups.push(() => Promise.resolve(rmSync(dir, { recursive: true, force: true })));
    writeFileSync(join(dir, 'zepix.config.json'), JSON.stringify(config(metaapi)));
    return runCliAsync(['broker', 'check'], { cwd: dir, env });
  }

  it('prints the account, balance, currency and instruments, or one line naming MetaApi', async () => {
    const metaapi = await emulator();
    const run = await check(metaapi, metaApiEnv(metaapi));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Broker: metaapi, account e2e-account, environment demo.');
    expect(run.stdout).toContain('Balance: 100000.00 USD; open trades: 0');
    expect(run.stdout).toMatch(/Instruments traded: .*XAUUSD/);
    const bad = await check(metaapi, metaApiEnv(metaapi, 'wrong-token'));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^zepix broker check: MetaApi: .*refused the token/);
    expect(bad.stderr).not.toContain('wrong-token');
  });
});
