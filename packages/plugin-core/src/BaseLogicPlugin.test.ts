import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PLUGIN_API_VERSION, PLUGIN_BRAND } from './apiVersion.js';
import { BaseLogicPlugin } from './BaseLogicPlugin.js';
import type { PluginResult } from './results.js';
import { createTestPlugin } from './testing/createTestPlugin.js';
import { entryAlert } from './testing/alertFactories.js';
import { openTestDatabase } from './testing/openTestDatabase.js';
import { z } from 'zod';

class EchoPlugin extends BaseLogicPlugin<{ label: string }> {
  static override configSchema = z.object({ label: z.string().default('echo') });
  processEntrySignal(): Promise<PluginResult> {
    return Promise.resolve({ status: 'ok', message: `${this.config.label} entry` });
  }
  processExitSignal(): Promise<PluginResult> {
    return Promise.resolve({ status: 'ok', message: 'exit' });
  }
  processReversalSignal(): Promise<PluginResult> {
    return Promise.resolve({ status: 'ok', message: 'reversal' });
  }
}

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'zepix-core-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('BaseLogicPlugin', () => {
  it('is instantiated through a subclass with validated config, logger and metadata', async () => {
    const plugin = await createTestPlugin(EchoPlugin, { id: 'echo', config: { label: 'hi' } });
    expect(plugin.id).toBe('echo');
    expect(plugin.config).toEqual({ label: 'hi' });
    expect(plugin.metadata.packageName).toBe('@zepix/plugin-echo');
    await expect(plugin.processEntrySignal()).resolves.toEqual({ status: 'ok', message: 'hi entry' });
  });

  it('carries the brand of this API version, inherited by subclasses', () => {
    expect(EchoPlugin[PLUGIN_BRAND]).toBe(PLUGIN_API_VERSION);
    expect((EchoPlugin as unknown as Record<symbol, unknown>)[Symbol.for('zepix.logicPlugin')]).toBe(1);
  });

  it('enforces the abstract methods at compile time', () => {
    // @ts-expect-error a plugin without the three signal methods does not compile
    class Incomplete extends BaseLogicPlugin {}
    expect(Incomplete).toBeTypeOf('function');
  });

  it('accepts every alert by default and can be enabled and disabled', async () => {
    const plugin = await createTestPlugin(EchoPlugin, { enabled: false });
    expect(plugin.validateAlert(entryAlert())).toEqual({ ok: true });
    expect(plugin.enabled).toBe(false);
    plugin.enable();
    expect(plugin.getStatus().enabled).toBe(true);
    plugin.disable();
    expect(plugin.getStatus().enabled).toBe(false);
  });

  it('reports id, state, metadata, database path and counters', async () => {
    const dataDir = tempDir();
    const plugin = await createTestPlugin(EchoPlugin, { id: 'echo', dataDir });
    const status = plugin.getStatus();
    expect(status).toMatchObject({
      id: 'echo',
      enabled: true,
      databasePath: join(dataDir, 'zepix_echo.db'),
      databaseOpen: false,
      counters: { processed: 0, ok: 0, failed: 0, skipped: 0, rejected: 0, consecutiveFailures: 0 },
    });
  });

  it('opens its database lazily at <dataDir>/zepix_<id>.db and closes it on shutdown', async () => {
    const dataDir = join(tempDir(), 'nested');
    const plugin = await createTestPlugin(EchoPlugin, { id: 'echo', dataDir });
    expect(existsSync(plugin.databasePath)).toBe(false);
    plugin.db.exec('CREATE TABLE notes (text TEXT)');
    expect(existsSync(join(dataDir, 'zepix_echo.db'))).toBe(true);
    expect(plugin.getStatus().databaseOpen).toBe(true);
    await plugin.shutdown();
    expect(plugin.getStatus().databaseOpen).toBe(false);
    await plugin.shutdown();
  });

  it('opens nothing itself: the host opener is called once, on first use of db, with the plugin path', async () => {
    const opened: string[] = [];
    const openDatabase = (path: string) => {
      opened.push(path);
      return openTestDatabase(':memory:');
    };
    const dataDir = join(tempDir(), 'host');
    const plugin = await createTestPlugin(EchoPlugin, { id: 'echo', dataDir, openDatabase });
    expect(opened).toEqual([]);
    plugin.db.exec('CREATE TABLE t (v TEXT)');
    plugin.db.exec('INSERT INTO t VALUES (1)');
    expect(opened).toEqual([join(dataDir, 'zepix_echo.db')]);
    expect(existsSync(dataDir)).toBe(false);
    await plugin.shutdown();
  });

  it('keeps two plugins in two databases', async () => {
    const dataDir = tempDir();
    const a = await createTestPlugin(EchoPlugin, { id: 'alpha', dataDir });
    const b = await createTestPlugin(EchoPlugin, { id: 'beta', dataDir });
    a.db.exec("CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('a')");
    b.db.exec('CREATE TABLE t (v TEXT)');
    expect(a.db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 1 });
    expect(b.db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 0 });
    expect(a.databasePath).not.toBe(b.databasePath);
    await a.shutdown();
    await b.shutdown();
  });
});
