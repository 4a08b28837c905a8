import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnBot } from '../botProcess.js';
import { postV3Entry, readRows } from '../crashSupport.js';
import { BOT_DIR } from '../fixtureProject.js';

const SECRET = 'crash-burst-secret-0123456789';
const workDir = mkdtempSync(join(tmpdir(), 'zepix-crash-burst-'));
const dataDir = join(workDir, 'data');
writeFileSync(
  join(workDir, 'zepix.config.json'),
  JSON.stringify({
    server: { host: '127.0.0.1', port: 0 },
    broker: { starting_balance: 1_000_000 },
    // Crash safety, not risk, is tested here: the loss caps (worst case, or the spread of 400 open legs) would
    // refuse part of a 200-alert burst.
    trading: {
      risk: {
        max_open_trades_per_plugin: 10_000,
        max_orders_per_minute: 10_000,
        worst_case: false,
        tiers: [{ balance: 1_000_000, daily_loss_cap: 1_000_000, lifetime_loss_cap: 1_000_000, fixed_lot: 0.5 }],
      },
    },
  }),
);
// The real bot with its real plugins: the host project is apps/bot.
const env = { ZEPIX_WEBHOOK_SECRET: SECRET, ZEPIX_DATA_DIR: dataDir, ZEPIX_PROJECT_DIR: BOT_DIR };
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const BURST = 200;

const post = (url: string, n: number) => postV3Entry(url, SECRET, `burst-${n}`);
const rows = <T>(file: string, sql: string) => readRows<T>(dataDir, file, sql);

describe('kill -9 during a bar-close burst of order-placing alerts', () => {
  it('loses no acknowledged alert and places no order twice', async () => {
    const first = await spawnBot({ cwd: workDir, env });
    let acked = 0;
    let killed = false;
    // Killed while most of the burst is still in flight: some answered, some journaled unanswered, some trading.
    const killAfter = 20 + Math.floor(Math.random() * 60);
    await Promise.all(
      Array.from({ length: BURST }, async (_, n) => {
        if (!(await post(first.url, n))) return;
        acked += 1;
        if (acked >= killAfter && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }),
    );
    expect(await first.exited()).toBe('SIGKILL');

    const second = await spawnBot({ cwd: workDir, env });
    second.child.kill('SIGTERM');
    expect(await second.exited()).toBe(0);

    const journal = rows<{ accepted: number; pending: number }>(
      'zepix_journal.db',
      "SELECT count(*) AS accepted, sum(dispatch_state = 'pending') AS pending FROM alerts WHERE status = 'accepted'",
    )[0]!;
    expect(journal.accepted).toBeGreaterThanOrEqual(acked);
    // SIGTERM drained the engine: every accepted alert, the last run's included, was dispatched.
    expect(journal.pending).toBe(0);
    const duplicates = rows(
      'zepix_paper.db',
      'SELECT client_order_id FROM trades GROUP BY client_order_id HAVING count(*) > 1',
    );
    expect(duplicates).toEqual([]);
    const positions = rows<{ state: string; n: number }>(
      'zepix_trading.db',
      "SELECT state, count(*) AS n FROM positions WHERE plugin = 'combined-v3' AND origin = 'alert' GROUP BY state",
    );
    const byState = Object.fromEntries(positions.map((p) => [p.state, p.n]));
    // Each alert's two legs: open, or 'failed' when the kill fell between an intent and the broker call.
    expect(Object.keys(byState).every((state) => state === 'open' || state === 'failed')).toBe(true);
    expect((byState.open ?? 0) + (byState.failed ?? 0)).toBe(journal.accepted * 2);
    const brokerTrades = rows<{ n: number }>('zepix_paper.db', 'SELECT count(*) AS n FROM trades')[0]!.n;
    expect(brokerTrades).toBe(byState.open);
  });
});
