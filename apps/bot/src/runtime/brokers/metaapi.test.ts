import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMetaApiEmulator } from '@zepix/broker-metaapi/testing';
import type { MetaApiEmulator } from '@zepix/broker-metaapi/testing';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { SymbolBook } from '@zepix/symbols';
import { BotConfigSchema } from '../../config/configSchema.js';
import { connectMetaApi } from './metaapi.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function emulator(accountType: 'demo' | 'live' = 'demo'): Promise<MetaApiEmulator> {
  const started = await startMetaApiEmulator({ accountType, token: 'the-real-token', accountId: 'acc-1' });
  cleanup.push(() => started.close());
  return started;
}

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'zepix-bot-metaapi-'));
  cleanup.push(() => Promise.resolve(rmSync(dir, { recursive: true, force: true })));
  return dir;
}

const env = (e: MetaApiEmulator, token = e.token) => ({
  ZEPIX_METAAPI_TOKEN: token,
  ZEPIX_METAAPI_ACCOUNT_ID: e.accountId,
  ZEPIX_METAAPI_API_URL: e.url,
});

const open = (e: MetaApiEmulator, o: { token?: string; confirmLive?: boolean } = {}) =>
  connectMetaApi({
    config: BotConfigSchema.parse({
      broker: { kind: 'metaapi', metaapi: { region: 'london' }, confirm_live: o.confirmLive ?? false },
    }),
    env: env(e, o.token),
    dataDir: dataDir(),
    symbols: new SymbolBook(),
    logger: pino({ level: 'silent' }),
  });

describe('connectMetaApi', () => {
  it('opens a demo account and names it', async () => {
    const handle = await open(await emulator());
    cleanup.push(() => handle.broker.close());
    expect(handle.identity).toEqual({ kind: 'metaapi', account: 'acc-1', environment: 'demo' });
    expect(handle.symbols).toEqual(expect.arrayContaining(['XAUUSD', 'GOLD']));
    expect(handle.updatePrice).toBeUndefined();
  });

  it('refuses to start without the token, naming the variable', async () => {
    const e = await emulator();
    await expect(open(e, { token: '' })).rejects.toThrow(/ZEPIX_METAAPI_TOKEN is not set/);
  });

  it('refuses a token MetaApi rejects, naming MetaApi and not repeating the token', async () => {
    const e = await emulator();
    const failure = await open(e, { token: 'wrong-token-123' }).catch((error: unknown) => error as Error);
    expect(failure).toMatchObject({ code: 'ZEPIX_BROKER_REFUSED' });
    expect((failure as Error).message).toMatch(/^MetaApi: .*ZEPIX_METAAPI_TOKEN/);
    expect((failure as Error).message).not.toContain('wrong-token-123');
  });

  it('needs confirm_live for a live account', async () => {
    const e = await emulator('live');
    await expect(open(e)).rejects.toThrow(/is live and confirm_live is not set/);
    const handle = await open(e, { confirmLive: true });
    cleanup.push(() => handle.broker.close());
    expect(handle.identity.environment).toBe('live');
  });
});
