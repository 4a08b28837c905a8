import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { recorder } from '../botHarness.js';
import { spawnBot } from '../botProcess.js';
import { createFixtureProject } from '../fixtureProject.js';

const SECRET = 'shutdown-test-secret-0123456789';
const project = createFixtureProject({ deps: [recorder('slow')], withBot: true });
writeFileSync(
  join(project.dir, 'zepix.config.json'),
  JSON.stringify({ server: { host: '127.0.0.1', port: 0 }, plugins: { slow: { delay_ms: 150 } } }),
);
const dirs: string[] = [];
afterAll(() => {
  project.remove();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function envFor(): NodeJS.ProcessEnv {
  const dataDir = mkdtempSync(join(tmpdir(), 'zepix-shutdown-'));
  dirs.push(dataDir);
  return { ZEPIX_WEBHOOK_SECRET: SECRET, ZEPIX_DATA_DIR: dataDir };
}

const post = (url: string, n: number) =>
  fetch(`${url}/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ secret: SECRET, id: `stop-${n}`, type: 'entry', symbol: 'XAUUSD', signal: 'buy', tf: '5m' }),
  }).then((r) => r.status);

describe('SIGTERM / SIGINT', () => {
  it('stops accepting, finishes in-flight alerts and closes cleanly', async () => {
    const env = envFor();
    const bot = await spawnBot({ cwd: project.dir, env });
    const statuses = await Promise.all([1, 2, 3, 4].map((n) => post(bot.url, n)));
    expect(statuses).toEqual([200, 200, 200, 200]);
    const wrong = await fetch(`${bot.url}/webhook`, {
      method: 'POST',
      body: '{"secret":"a-wrong-secret-value","type":"entry"}',
    });
    expect(wrong.status).toBe(401);
    await fetch(`${bot.url}/api/status`, { headers: { authorization: 'Bearer not-the-token-value' } });
    bot.child.kill('SIGTERM');
    expect(await bot.exited()).toBe(0);
    expect(bot.output()).toContain('"msg":"stopped"');
    // Secrets never reach the log: not the configured one, nor what a sender tried.
    for (const secret of [SECRET, 'a-wrong-secret-value', 'not-the-token-value'])
      expect(bot.output()).not.toContain(secret);
    const db = new Database(join(env.ZEPIX_DATA_DIR!, 'zepix_slow.db'), { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM seen').get()).toEqual({ n: 4 });
    db.close();
    await expect(post(bot.url, 5)).rejects.toThrow();
  });

  it('during a burst: stops accepting, dispatches every acknowledged alert, then closes the databases', async () => {
    const env = envFor();
    const bot = await spawnBot({ cwd: project.dir, env });
    let acked = 0;
    const answers = await Promise.all(
      Array.from({ length: 30 }, async (_, n) => {
        const status = await post(bot.url, 100 + n).catch(() => 0);

        if (status === 200 && ++acked === 5) bot.child.kill('SIGTERM');
        return status;
      }),
    );
    expect(await bot.exited()).toBe(0);
    const output = bot.output();
    expect(output.indexOf('"msg":"shutting down')).toBeLessThan(output.indexOf('"msg":"stopped"'));
    const journal = new Database(join(env.ZEPIX_DATA_DIR!, 'zepix_journal.db'), { readonly: true });
    const accepted = journal
      .prepare("SELECT count(*) AS n, sum(dispatch_state = 'pending') AS pending FROM alerts WHERE status = 'accepted'")
      .get() as { n: number; pending: number };
    journal.close();
    const plugin = new Database(join(env.ZEPIX_DATA_DIR!, 'zepix_slow.db'), { readonly: true });
    const seen = (plugin.prepare('SELECT count(*) AS n FROM seen').get() as { n: number }).n;
    plugin.close();
    // Every answered alert was journaled and dispatched before the databases closed; nothing was left pending.
    expect(answers.filter((s) => s === 200).length).toBeLessThanOrEqual(accepted.n);
    expect(accepted.pending).toBe(0);
    expect(seen).toBe(accepted.n);
  });

  it('exits at once on a second signal', async () => {
    const bot = await spawnBot({ cwd: project.dir, env: envFor() });
    await Promise.all([1, 2, 3, 4, 5, 6].map((n) => post(bot.url, n)));
    bot.child.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 50));
    bot.child.kill('SIGINT');
    expect(await bot.exited()).toBe(130);
  });
});
