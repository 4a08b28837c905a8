import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot } from '../botHarness.js';
import type { TestBot } from '../botHarness.js';
import { BOT_DIR } from '../fixtureProject.js';
import { runCliAsync } from '../runCli.js';
import { v3EntryFields } from '../v3Alert.js';

interface ReplayJson {
  alerts: number;
  compared: number;
  plugins: { plugin: string; trades: number; wins: number; pnl: number; maxDrawdown: number; open: number }[];
  changed: { plugin: string; was: string; now: string; kind: string }[];
}

const exitV3 = (price: number) => ({
  type: 'exit_v3',
  signal_type: 'Bearish_Exit',
  symbol: 'XAUUSD',
  direction: 'buy',
  tf: '15',
  price,
  consensus_score: 3,
});

let bot: TestBot;
let work: string;
let secret: string;
/** What the live bot made of the recorded session. */
let live: { overall: { trades: number; pnl: number } };

/** A recorded session: a V3 entry and its exit at a profit (plus a request with a wrong secret). */
beforeAll(async () => {
  bot = await startTestBot({ projectDir: BOT_DIR, config: { broker: { starting_balance: 100_000 } } });
  secret = bot.running.secrets.webhookSecret;
  for (const fields of [v3EntryFields(2030), exitV3(2031)]) {
    const answer = await bot.post(JSON.stringify({ secret, ...fields }));
    expect(answer.body.status).toBe('accepted');
    await bot.dispatched(answer.body.id as number);
  }
  expect((await bot.post('{"symbol":"XAUUSD"}', { token: 'wrong-secret-123' })).status).toBe(401);
  live = (await bot.api('/analytics?plugin=combined-v3')).body as { overall: { trades: number; pnl: number } };
  await bot.stop();
  work = mkdtempSync(join(tmpdir(), 'zepix-replay-test-'));
});
afterAll(async () => {
  await bot.remove();
  rmSync(work, { recursive: true, force: true });
});

const cli = (args: string[]) => runCliAsync(args, { cwd: work });

async function exportAlerts(): Promise<string> {
  const run = await cli(['export', 'alerts', '--data-dir', bot.dataDir]);
  expect(run.stderr).toContain('exported 2 alerts');
  expect(run.code).toBe(0);
  return run.stdout;
}

describe('zepix export alerts', () => {
  it('writes each accepted alert with its recorded outcomes, oldest first, without secrets', async () => {
    const text = await exportAlerts();
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => (l.alert as { kind: string }).kind)).toEqual(['entry', 'exit']);
    expect(lines[0]!.outcomes).toContainEqual(expect.objectContaining({ plugin: 'combined-v3', status: 'ok' }));
    expect(text).not.toContain(secret);
    expect(lines[0]).not.toHaveProperty('raw');
  });

  it('refuses a bad time with a usage error saying what to write', async () => {
    const run = await cli(['export', 'alerts', '--data-dir', bot.dataDir, '--from', 'yesterday-ish']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--from "yesterday-ish" is not a time');
  });
});

describe('zepix replay', () => {
  it('replays an export on a fresh paper broker: the same trades and P/L, every decision unchanged', async () => {
    const file = join(work, 'alerts.jsonl');
    writeFileSync(file, await exportAlerts());
    // The live bot's account size, so the plugin sizes its orders as it did live.
    const config = join(work, 'live.json');
    writeFileSync(config, JSON.stringify({ broker: { starting_balance: 100_000 } }));
    const run = await cli(['replay', file, '--project', BOT_DIR, '--config', config, '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as ReplayJson;
    expect(report).toMatchObject({ alerts: 2, compared: 2, changed: [] });
    const v3 = report.plugins.find((p) => p.plugin === 'combined-v3');
    // The recorded entry's legs and the profit chain they started, closed by the exit one dollar higher: as live.
    expect(live.overall.trades).toBeGreaterThanOrEqual(2);
    expect(v3).toMatchObject({ trades: live.overall.trades, open: 0 });
    expect(v3!.pnl).toBeCloseTo(live.overall.pnl, 2);
    expect(v3!.pnl).toBeGreaterThan(0);
  });

  it('reads the journal database directly, and names each decision a changed config now makes differently', async () => {
    const config = join(work, 'disabled.json');
    writeFileSync(config, JSON.stringify({ plugins: { 'combined-v3': { enabled: false } } }));
    const journal = join(bot.dataDir, 'zepix_journal.db');
    const run = await cli(['replay', journal, '--project', BOT_DIR, '--config', config, '--fail-on-change']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Replayed 2 alerts');
    expect(run.stdout).toMatch(/2 decisions differ from the recording/);
    expect(run.stdout).toMatch(/entry XAUUSD combined-v3: was ok, now skipped/);
  });

  it('narrows to one plugin and a time window', async () => {
    const journal = join(bot.dataDir, 'zepix_journal.db');
    const run = await cli([
      'replay',
      journal,
      '--project',
      BOT_DIR,
      '--plugin',
      'combined-v3',
      '--to',
      '2000-01-01',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as ReplayJson;
    expect(report.alerts).toBe(0);
    expect(report.plugins.map((p) => p.plugin)).toEqual(['combined-v3']);
  });
});
