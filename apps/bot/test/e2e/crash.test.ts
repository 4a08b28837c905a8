import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { recorder } from '../botHarness.js';
import { spawnBot } from '../botProcess.js';
import { createFixtureProject } from '../fixtureProject.js';

const SECRET = 'crash-test-secret-0123456789';
const project = createFixtureProject({ deps: [recorder('recorder')], withBot: true });
const dataDir = mkdtempSync(join(tmpdir(), 'zepix-crash-'));
writeFileSync(join(project.dir, 'zepix.config.json'), JSON.stringify({ server: { host: '127.0.0.1', port: 0 } }));
const env = { ZEPIX_WEBHOOK_SECRET: SECRET, ZEPIX_DATA_DIR: dataDir };

afterAll(() => {
  project.remove();
  rmSync(dataDir, { recursive: true, force: true });
});

function readAccepted(): { id: number; key: string; state: string }[] {
  const journal = new Database(join(dataDir, 'zepix_journal.db'), { readonly: true });
  try {
    return journal
      .prepare("SELECT id, idempotency_key AS key, dispatch_state AS state FROM alerts WHERE status = 'accepted'")
      .all() as { id: number; key: string; state: string }[];
  } finally {
    journal.close();
  }
}

function readDeliveries(): { id: number; n: number }[] {
  const plugin = new Database(join(dataDir, 'zepix_recorder.db'), { readonly: true });
  try {
    return plugin.prepare('SELECT journal_id AS id, count(*) AS n FROM seen GROUP BY journal_id').all() as {
      id: number;
      n: number;
    }[];
  } finally {
    plugin.close();
  }
}

async function post(url: string, n: number): Promise<boolean> {
  const body = JSON.stringify({
    secret: SECRET,
    id: `crash-${n}`,
    type: 'entry',
    symbol: n % 2 ? 'XAUUSD' : 'EURUSD',
    signal: 'buy',
    tf: '5m',
    price: 100 + n,
  });
  try {
    const response = await fetch(`${url}/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    const answer = (await response.json()) as { status?: string };
    return response.status === 200 && answer.status === 'accepted';
  } catch {
    return false;
  }
}

describe('kill -9 in the middle of a stream', () => {
  it('loses no acknowledged alert and delivers each to its plugin after the restart', async () => {
    const first = await spawnBot({ cwd: project.dir, env });
    const acked: number[] = [];
    let next = 0;
    let killed = false;
    const killAfter = 150 + Math.floor(Math.random() * 150);
    const sender = async () => {
      while (!killed) {
        const n = next++;
        if (await post(first.url, n)) acked.push(n);
        if (acked.length >= killAfter && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, sender));
    expect(await first.exited()).toBe('SIGKILL');
    // What the dead process left: which alerts the plugin had seen and which outcomes the journal had stored.
    const seenAtKill = new Set(readDeliveries().map((d) => d.id));
    const doneAtKill = new Set(
      readAccepted()
        .filter((r) => r.state === 'done')
        .map((r) => r.id),
    );

    expect(doneAtKill.size, 'outcomes are stored while the bot runs, not only at a restart').toBeGreaterThan(0);

    const second = await spawnBot({ cwd: project.dir, env });
    second.child.kill('SIGTERM');
    expect(await second.exited()).toBe(0);

    const rows = readAccepted();
    const byKey = new Map(rows.map((r) => [r.key, r]));
    const deliveries = readDeliveries();
    const delivered = new Map(deliveries.map((d) => [d.id, d.n]));

    for (const n of acked) {
      const row = byKey.get(`id:crash-${n}`);
      expect(row, `acknowledged alert crash-${n} is in the journal`).toBeDefined();
      expect(row?.state).toBe('done');
      expect(delivered.get(row!.id) ?? 0, `crash-${n} reached the plugin`).toBeGreaterThanOrEqual(1);
    }
    // At least once, never more than needed: an alert is delivered again only if the kill caught it between the
    // plugin's handling and the journal storing its outcome; a stored outcome is never delivered again.
    const redelivered = deliveries.filter((d) => d.n > 1).map((d) => d.id);
    for (const id of redelivered) {
      expect(seenAtKill.has(id) && !doneAtKill.has(id), `alert row ${id} was delivered again`).toBe(true);
    }
    expect(deliveries.every((d) => d.n <= 2)).toBe(true);
    expect(rows.length).toBeGreaterThanOrEqual(acked.length);
  });
});
