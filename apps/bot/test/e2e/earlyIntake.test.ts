import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { recorder } from '../botHarness.js';
import { createFixtureProject } from '../fixtureProject.js';
import { CLI } from '../runCli.js';

const SECRET = 'early-intake-secret-0123456789';
const dataDir = mkdtempSync(join(tmpdir(), 'zepix-early-'));
/** The plugin's initialize() waits until this file exists: the engine stays "starting" for as long as the test likes. */
const GATE = join(dataDir, 'release-the-plugin');
const gated = recorder('gated');
const project = createFixtureProject({
  deps: [
    {
      ...gated,
      source: `import { existsSync } from 'node:fs';\n${gated.source ?? ''}`.replace(
        'async initialize() {',
        `async initialize() {\n    while (!existsSync(${JSON.stringify(GATE)})) await new Promise((r) => setTimeout(r, 20));`,
      ),
    },
  ],
  withBot: true,
});
writeFileSync(
  join(project.dir, 'zepix.config.json'),
  JSON.stringify({ server: { host: '127.0.0.1', port: 0 }, plugin_system: { fallback_plugin: 'gated' } }),
);

afterAll(() => {
  project.remove();
  rmSync(dataDir, { recursive: true, force: true });
});

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 1000; i += 1) {
    const value = await probe();
    if (value !== undefined) return value;
    await sleep(20);
  }
  throw new Error(`gave up waiting for ${what}`);
}

function alert(id: string, extra: Record<string, unknown> = {}) {
  return JSON.stringify({ secret: SECRET, id, type: 'entry', symbol: 'XAUUSD', signal: 'buy', tf: '5m', ...extra });
}

async function post(url: string, body: string) {
  const response = await fetch(`${url}/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function deliveries(): number[] {
  const db = new Database(join(dataDir, 'zepix_gated.db'), { readonly: true });
  try {
    return (db.prepare('SELECT journal_id AS id FROM seen ORDER BY rowid').all() as { id: number }[]).map((r) => r.id);
  } finally {
    db.close();
  }
}

describe('the intake before the engine is ready', () => {
  it('journals and answers webhooks while plugins load, and the engine trades them once it is ready', async () => {
    const child = spawn(process.execPath, [CLI, 'start'], {
      cwd: project.dir,
      env: { ...process.env, ZEPIX_LOG_LEVEL: 'info', ZEPIX_WEBHOOK_SECRET: SECRET, ZEPIX_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      const url = await until('the port to open', () => /Server listening at (http:\/\/[\d.:]+)/.exec(output)?.[1]);
      const health = await (await fetch(`${url}/health`)).json();
      expect(health).toMatchObject({ status: 'starting', engine: { status: 'starting' }, plugins: { loaded: 0 } });

      const routed = await post(url, alert('early-routed'));
      expect(routed).toMatchObject({ status: 200, body: { status: 'accepted' } });
      // Naming a plugin waits for the engine to say which it loaded, so the answer is right, not a guess.
      const named = post(url, alert('early-named', { plugin: 'gated' }));
      const unknown = post(url, alert('early-unknown', { plugin: 'nobody' }));
      expect(output).not.toContain('zepix started');

      writeFileSync(GATE, '');
      expect(await named).toMatchObject({ status: 200, body: { status: 'accepted' } });
      expect(await unknown).toMatchObject({ status: 422, body: { error: { code: 'ZEPIX_ALERT_UNKNOWN_PLUGIN' } } });
      const seen = await until('both accepted alerts to reach the plugin', () => {
        const ids = existsSync(join(dataDir, 'zepix_gated.db')) ? deliveries() : [];
        return ids.length >= 2 ? ids : undefined;
      });
      expect(seen).toEqual([routed.body.id, (await named).body.id]);
      const ready = await (await fetch(`${url}/health`)).json();
      expect(ready).toMatchObject({ status: 'ok', plugins: { loaded: 1 } });
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });
});
