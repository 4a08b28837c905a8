import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Journal } from './index.js';
import { accepted, tempDir } from './testSupport.js';

const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));
let bundleDir: string;
let tmp: ReturnType<typeof tempDir>;

beforeAll(async () => {
  // The bundle lives under this package's node_modules so the child resolves better-sqlite3 like the real package does.
  const cacheDir = join(packageDir, 'node_modules', '.cache');
  mkdirSync(cacheDir, { recursive: true });
  bundleDir = mkdtempSync(join(cacheDir, 'journal-durability-'));
  await build({
    entry: [join(packageDir, 'src', 'index.ts')],
    outDir: bundleDir,
    format: ['esm'],
    target: 'node20',
    config: false,
    dts: false,
    silent: true,
    external: ['better-sqlite3'],
  });
  tmp = tempDir();
}, 60_000);

afterAll(() => {
  rmSync(bundleDir, { recursive: true, force: true });
  tmp.remove();
});

/** Source of a child that appends forever and reports each acknowledged id on stdout, like the bot's 200 answer. */
function writerSource(dbPath: string): string {
  return `
    import { Journal } from ${JSON.stringify(pathToFileURL(join(bundleDir, 'index.js')).href)};
    const journal = Journal.open({ path: ${JSON.stringify(dbPath)}, synchronous: 'FULL' });
    let n = 0;
    const tick = () => {
      for (let i = 0; i < 40; i++) {
        const key = 'kill-' + n++;
        journal.appendAccepted({
          receivedAt: new Date().toISOString(), sender: 'child', contentType: 'application/json',
          raw: '{}', idempotencyKey: key, dedupWindowMs: 60000, alert: { key }, family: 'v3', kind: 'entry', symbol: 'X',
        }).then((r) => process.stdout.write(r.id + ' ' + key + '\\n'));
      }
      setImmediate(tick);
    };
    tick();`;
}

/** Starts the writer, SIGKILLs it once it acknowledged at least `atLeast` appends, and returns what it acknowledged. */
function runAndKill(dbPath: string, atLeast: number): Promise<Map<number, string>> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', writerSource(dbPath)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let buffered = '';
  const acked = new Map<number, string>();
  return new Promise((resolve, reject) => {
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const [id, key] = line.split(' ');
        acked.set(Number(id), key ?? '');
      }
      if (acked.size >= atLeast && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    child.on('error', reject);
    // 'close' rather than 'exit': it fires only after everything the child wrote to the pipe has been read.
    child.on('close', (code, signal) =>
      signal === 'SIGKILL' ? resolve(acked) : reject(new Error(`writer exited with ${code}`)),
    );
  });
}

describe('durability', () => {
  it('keeps every acknowledged append when the writer is killed with SIGKILL mid-stream', async () => {
    const dbPath = join(tmp.dir, 'killed.db');
    const acked = await runAndKill(dbPath, 2000);
    expect(acked.size).toBeGreaterThanOrEqual(2000);

    const journal = Journal.open({ path: dbPath });
    for (const [id, key] of acked) expect(journal.get(id)?.idempotencyKey).toBe(key);
    expect(journal.counts().accepted).toBeGreaterThanOrEqual(acked.size);
    expect(journal.pendingDispatch().length).toBe(journal.counts().accepted);
    await journal.close();
  }, 30_000);

  it('shows every resolved append to a second journal opened on the file without closing the first', async () => {
    const dbPath = join(tmp.dir, 'open.db');
    const writer = Journal.open({ path: dbPath });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => writer.appendAccepted(accepted(`open-${i}`))),
    );
    writer.recordOutcome({ alertId: results[0]!.id, plugin: 'p', status: 'ok', message: 'done', durationMs: 1 });

    const reader = Journal.open({ path: dbPath });
    for (const [i, result] of results.entries()) expect(reader.get(result.id)?.idempotencyKey).toBe(`open-${i}`);
    expect(reader.get(results[0]!.id)?.outcomes).toHaveLength(1);
    await reader.close();
    await writer.close();
  });
});
