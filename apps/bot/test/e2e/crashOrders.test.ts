import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnBot } from '../botProcess.js';
import { postV3Entry, readRows } from '../crashSupport.js';
import { BOT_DIR } from '../fixtureProject.js';

const SECRET = 'crash-orders-secret-0123456789';
const workDir = mkdtempSync(join(tmpdir(), 'zepix-crash-orders-'));
const dataDir = join(workDir, 'data');
writeFileSync(
  join(workDir, 'zepix.config.json'),
  JSON.stringify({
    server: { host: '127.0.0.1', port: 0 },
    broker: { starting_balance: 100_000 },
    // Crash safety, not risk, is tested here: the worst-case gate would refuse after ~15 entries' stop-losses.
    trading: { risk: { max_open_trades_per_plugin: 10_000, max_orders_per_minute: 10_000, worst_case: false } },
  }),
);
// The real bot with its real plugins: the host project is apps/bot.
const env = { ZEPIX_WEBHOOK_SECRET: SECRET, ZEPIX_DATA_DIR: dataDir, ZEPIX_PROJECT_DIR: BOT_DIR };
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const post = (url: string, n: number) => postV3Entry(url, SECRET, `orders-${n}`);
const rows = <T>(file: string, sql: string) => readRows<T>(dataDir, file, sql);

describe('kill -9 while V3 entries are being traded', () => {
  it('places no order twice: every journaled alert has exactly its two legs at the broker', async () => {
    const first = await spawnBot({ cwd: workDir, env });
    let next = 0;
    let acked = 0;
    let killed = false;
    // Few enough that the open losses of the spread stay under the daily cap (the gate would refuse, not fail).
    const killAfter = 40 + Math.floor(Math.random() * 40);
    const sender = async () => {
      while (!killed) {
        if (await post(first.url, next++)) acked += 1;
        if (acked >= killAfter && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 6 }, sender));
    expect(await first.exited()).toBe('SIGKILL');

    const second = await spawnBot({ cwd: workDir, env });
    second.child.kill('SIGTERM');
    expect(await second.exited()).toBe(0);

    const accepted = rows<{ n: number }>(
      'zepix_journal.db',
      "SELECT count(*) AS n FROM alerts WHERE status = 'accepted'",
    )[0]!.n;
    expect(accepted).toBeGreaterThanOrEqual(acked);
    const duplicates = rows(
      'zepix_paper.db',
      'SELECT client_order_id FROM trades GROUP BY client_order_id HAVING count(*) > 1',
    );
    expect(duplicates).toEqual([]);
    const refusedAsDuplicate = rows('zepix_trading.db', "SELECT id FROM positions WHERE error_code LIKE '%DUPLICATE%'");
    expect(refusedAsDuplicate).toEqual([]);
    const positions = rows<{ state: string; n: number }>(
      'zepix_trading.db',
      "SELECT state, count(*) AS n FROM positions WHERE plugin = 'combined-v3' AND origin = 'alert' GROUP BY state",
    );
    // A kill between an intent's commit and the broker call leaves that leg 'failed' after reconciliation (the
    // broker never saw it): never a second order. Everything else is open, one broker trade per open leg.
    const byState = Object.fromEntries(positions.map((p) => [p.state, p.n]));
    expect(Object.keys(byState).every((state) => state === 'open' || state === 'failed')).toBe(true);
    expect((byState.open ?? 0) + (byState.failed ?? 0)).toBe(accepted * 2);
    expect(byState.failed ?? 0).toBeLessThanOrEqual(12);
    const brokerTrades = rows<{ n: number }>('zepix_paper.db', 'SELECT count(*) AS n FROM trades')[0]!.n;
    expect(brokerTrades).toBe(byState.open);
  });
});
