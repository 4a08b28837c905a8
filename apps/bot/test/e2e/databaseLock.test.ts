import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recorder, startTestBot } from '../botHarness.js';
import type { TestBot } from '../botHarness.js';

const sqlite = createRequire(import.meta.url).resolve('better-sqlite3');
let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot({ plugins: [recorder('recorder')] });
});
afterAll(() => bot.remove());

/** A separate process holding BEGIN EXCLUSIVE on `file` until stopped; resolves once the lock is taken. */
async function holdLock(file: string): Promise<ChildProcess> {
  const script = `const D = require(${JSON.stringify(sqlite)}); const db = new D(${JSON.stringify(file)});
    db.exec('BEGIN EXCLUSIVE'); process.stdout.write('locked\\n'); process.stdin.on('end', () => process.exit(0)); process.stdin.resume();`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`lock holder exited with ${code}`)));
  });
  return child;
}

async function release(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.stdin!.end();
  await exited;
}

async function until(what: string, probe: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const health = async () => {
  const response = await fetch(`${bot.url}/health`);
  return { status: response.status, body: (await response.json()) as { status: string; reasons?: string[] } };
};

describe('a database locked by another process', () => {
  it('turns /health degraded only for the journal, whose webhook answers are 503 until the lock goes', async () => {
    await bot.settle();
    const databases = readdirSync(bot.dataDir).filter((name) => name.endsWith('.db'));
    expect(databases).toEqual(expect.arrayContaining(['zepix_journal.db', 'zepix_trading.db', 'zepix_trends.db']));
    for (const name of databases) {
      const holder = await holdLock(join(bot.dataDir, name));
      try {
        const seen = await health();
        if (name === 'zepix_journal.db') {
          expect(seen).toMatchObject({ status: 503, body: { status: 'degraded' } });
          expect(seen.body.reasons?.[0]).toContain('zepix_journal.db');
          const refused = await bot.post(
            JSON.stringify({
              secret: bot.running.secrets.webhookSecret,
              type: 'trend',
              symbol: 'XAUUSD',
              signal: 'bull',
              tf: '1h',
            }),
          );
          expect(refused.status).toBe(503);
        } else {
          expect(seen, name).toMatchObject({ status: 200, body: { status: 'ok' } });
        }
      } finally {
        await release(holder);
      }
    }
    expect(await health()).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it("refuses an operator's enable or disable with 503 while the journal is locked, and changes nothing", async () => {
    await bot.settle();
    const holder = await holdLock(join(bot.dataDir, 'zepix_journal.db'));
    let refused;
    try {
      // The engine waits out its journal write timeout (0.25 s) before it gives up.
      refused = await bot.api('/plugins/recorder/disable', { method: 'POST' });
    } finally {
      await release(holder);
    }
    expect(refused).toMatchObject({
      status: 503,
      body: { error: { code: 'ZEPIX_JOURNAL_LOCKED', message: expect.stringContaining('write lock') } },
    });
    expect((await bot.api('/plugins')).body.plugins).toContainEqual(
      expect.objectContaining({ id: 'recorder', enabled: true }),
    );
    expect(bot.running.journal.pluginStates()).toEqual([]);
    expect(await bot.api('/plugins/recorder/disable', { method: 'POST' })).toMatchObject({ status: 200 });
    expect(bot.running.journal.pluginStates()).toEqual([
      expect.objectContaining({ plugin: 'recorder', enabled: false, reason: 'disabled through the API' }),
    ]);
    expect(await bot.api('/plugins/recorder/enable', { method: 'POST' })).toMatchObject({ status: 200 });
  });

  it('keeps plugin outcomes while the journal is locked, without holding /health, and writes them once it goes', async () => {
    const slow = await startTestBot({
      plugins: [recorder('slow')],
      config: { plugins: { slow: { delay_ms: 1_000 } } },
    });
    try {
      const secret = slow.running.secrets.webhookSecret;
      const answer = await slow.post(
        JSON.stringify({ secret, type: 'entry', symbol: 'XAUUSD', signal: 'buy', tf: '5m', price: 2030 }),
      );
      expect(answer.status).toBe(200);
      const id = answer.body.id as number;
      // Taken while the plugin is still working: its outcome and dispatch mark arrive under the lock.
      const holder = await holdLock(join(slow.dataDir, 'zepix_journal.db'));
      try {
        // Answers after the outcome has met the lock (a command's reply flushes the outcomes first).
        await slow.settle();
        expect(slow.running.journal.get(id)?.dispatchState).toBe('pending');
        const seen = await fetch(`${slow.url}/health`);
        expect(seen.status).toBe(503);
      } finally {
        await release(holder);
      }
      await slow.dispatched(id);
      expect(slow.running.journal.get(id)?.outcomes).toEqual([
        expect.objectContaining({ plugin: 'slow', status: 'ok', attempts: 1 }),
      ]);
    } finally {
      await slow.remove();
    }
  });

  it('restarts a crashed engine only once the outcomes it left are written, so no plugin is called twice', async () => {
    const crashing = await startTestBot({
      plugins: [recorder('fragile')],
      config: { plugins: { fragile: { delay_ms: 1_000, crash_symbols: ['XAUUSD'] } } },
    });
    try {
      const secret = crashing.running.secrets.webhookSecret;
      const answer = await crashing.post(
        JSON.stringify({ secret, type: 'entry', symbol: 'XAUUSD', signal: 'buy', tf: '5m', price: 2030 }),
      );
      const id = answer.body.id as number;
      const holder = await holdLock(join(crashing.dataDir, 'zepix_journal.db'));
      try {
        // The plugin answers under the lock, then takes the engine thread down; a restart is due 1 s later.
        await until('the engine to stop', () => crashing.running.engine.health().status === 'stopped');
        await new Promise((resolve) => setTimeout(resolve, 2_500));
        expect(crashing.running.engine.health().status).toBe('stopped');
        expect(crashing.running.journal.get(id)?.dispatchState).toBe('pending');
      } finally {
        await release(holder);
      }
      await crashing.dispatched(id);
      await until('the engine to run again', () => crashing.running.engine.health().status === 'running');
      expect(crashing.seen('fragile').filter((row) => row.journal_id === id)).toHaveLength(1);
      expect(crashing.running.journal.get(id)?.outcomes).toEqual([
        expect.objectContaining({ plugin: 'fragile', status: 'ok', attempts: 1 }),
      ]);
    } finally {
      await crashing.remove();
    }
  });
});
