import { chmodSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot } from '../../src/runtime/startBot.js';
import { recorder, startTestBot } from '../botHarness.js';
import type { TestBot } from '../botHarness.js';
import { createFixtureProject } from '../fixtureProject.js';
import { runCliAsync } from '../runCli.js';

const project = createFixtureProject({ deps: [recorder('recorder')], withBot: true });
const scratch = mkdtempSync(join(tmpdir(), 'zepix-datadir-'));
let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot({ project, dataDir: mkdtempSync(join(scratch, 'running-')) });
});
afterAll(async () => {
  await bot.remove();
  rmSync(scratch, { recursive: true, force: true });
});

/** Starts a bot on `dataDir` with the config given, as startBot is called by `zepix start`. */
function start(dataDir: string, config: unknown, env: NodeJS.ProcessEnv = {}) {
  const configPath = join(scratch, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(configPath, JSON.stringify(config));
  return startBot({
    cwd: project.dir,
    dataDir,
    configPath,
    env: { ...process.env, ZEPIX_WEBHOOK_SECRET: undefined, ...env },
    host: '127.0.0.1',
    port: 0,
    logger: pino({ level: 'silent' }),
  });
}

describe('one bot per data folder', () => {
  it('refuses a second bot in this process, naming the running one’s pid', async () => {
    await expect(start(bot.dataDir, {})).rejects.toMatchObject({
      code: 'ZEPIX_ALREADY_RUNNING',
      message: expect.stringContaining(`pid ${process.pid}`) as string,
    });
  });

  it('makes a second `zepix start` exit 1 naming the running one’s pid', async () => {
    const run = await runCliAsync(['start'], {
      cwd: project.dir,
      env: { ZEPIX_DATA_DIR: bot.dataDir, ZEPIX_PORT: '0' },
      timeoutMs: 20_000,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('ZEPIX_ALREADY_RUNNING');
    expect(run.stderr).toContain(`pid ${process.pid}`);
  });

  it('lets the folder be used again once the first bot stopped', async () => {
    const dataDir = join(scratch, 'reuse');
    const first = await start(dataDir, {});
    await first.close();
    const second = await start(dataDir, {});
    await second.close();
  });
});

describe('checks before anything is created', () => {
  it('refuses trust_proxy: true with an allowlist and creates no data folder', async () => {
    const dataDir = join(scratch, 'never-created-1');
    const attempt = start(dataDir, { server: { ip_allowlist: 'tradingview', trust_proxy: true } });
    await expect(attempt).rejects.toMatchObject({ code: 'ZEPIX_CONFIG_INVALID' });
    await expect(attempt).rejects.toThrow(/trust_proxy.*spoofed/s);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('refuses a short secret in the environment and creates no data folder', async () => {
    const dataDir = join(scratch, 'never-created-2');
    await expect(start(dataDir, {}, { ZEPIX_WEBHOOK_SECRET: 'short' })).rejects.toMatchObject({
      code: 'ZEPIX_CONFIG_INVALID',
    });
    expect(existsSync(dataDir)).toBe(false);
  });

  it('names the path and the fix when the data folder cannot be created', async () => {
    const file = join(scratch, 'a-file');
    writeFileSync(file, 'x');
    const attempt = start(join(file, 'data'), {});
    await expect(attempt).rejects.toMatchObject({ code: 'ZEPIX_DATA_DIR_UNUSABLE' });
    await expect(attempt).rejects.toThrow(/a-file\/data.*chmod/s);
  });

  // Root may write anywhere, so a read-only folder only exists for other users.
  it.skipIf(process.getuid?.() === 0)('names the file and the fix when the data folder is read-only', async () => {
    const dataDir = join(scratch, 'read-only');
    const first = await start(dataDir, {});
    await first.close();
    chmodSync(join(dataDir, 'zepix_journal.db'), 0o400);
    try {
      const attempt = start(dataDir, {});
      await expect(attempt).rejects.toMatchObject({ code: 'ZEPIX_DATA_DIR_UNUSABLE' });
      await expect(attempt).rejects.toThrow(/zepix_journal\.db.*chmod/s);
    } finally {
      chmodSync(join(dataDir, 'zepix_journal.db'), 0o600);
    }
  });
});

describe('file modes', () => {
  it('keeps the journal, the lock and the generated secrets readable by the owner only', () => {
    for (const name of ['zepix_journal.db', 'webhook-secret', 'api-token', 'zepix.lock', 'zepix.pid']) {
      expect((statSync(join(bot.dataDir, name)).mode & 0o777).toString(8), name).toBe('600');
    }
  });
});
