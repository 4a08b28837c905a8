import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot } from './botProcess.js';
import { startLocalRegistry } from './localRegistry.js';
import type { LocalRegistry } from './localRegistry.js';
import { startPrebuiltMirror } from './prebuiltBinary.js';
import type { PrebuiltMirror } from './prebuiltBinary.js';
import { registryEnv, sh } from './shell.js';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));
const SKIP = new Set(['node_modules', '.git', '.turbo', 'data', 'coverage']);
const PLUGIN = '@zepix/plugin-my-logic';

let root: string;
let registry: LocalRegistry;
let mirror: PrebuiltMirror;
let env: NodeJS.ProcessEnv;
let host: string;
let plugin: string;

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

beforeAll(async () => {
  if (!existsSync(join(REPO, 'apps', 'bot', 'dist', 'cli.js'))) {
    throw new Error('the packages are not built: run pnpm build (pnpm check does) before this suite');
  }
  root = mkdtempSync(join(tmpdir(), 'zepix-registry-'));
  registry = await startLocalRegistry(join(root, 'verdaccio'));
  mkdirSync(join(root, 'home'));
  // `pnpm store path` ends in the layout version (…/store/v10); store-dir is the folder above it.
  const storeDir = dirname(sh('pnpm', ['store', 'path'], REPO, process.env).trim());
  mirror = await startPrebuiltMirror(REPO, join(root, 'prebuilt'));
  env = {
    ...registryEnv({ registry: registry.url, token: registry.token, home: join(root, 'home'), storeDir }),
    ...mirror.env,
  };
  host = join(root, 'work', 'my-bot');
  plugin = join(root, 'work', 'my-logic');
  mkdirSync(join(root, 'work'));
});

afterAll(async () => {
  await registry?.close();
  await mirror?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('a trader installs Zepix from a registry', () => {
  it('publishes every package from a clean copy of the repo', () => {
    const copy = join(root, 'repo');
    cpSync(REPO, copy, { recursive: true, filter: (src) => !SKIP.has(basename(src)) });
    // Links only (pnpm publish reads the workspace versions through them); nothing runs, nothing is built.
    sh('pnpm', ['install', '--offline', '--frozen-lockfile', '--ignore-scripts'], copy, env);
    sh('pnpm', ['-r', 'publish', '--no-git-checks'], copy, env);
    const published = sh('npm', ['view', '@zepix/bot', 'version'], root, env).trim();
    expect(published).toBe(readJson(join(REPO, 'apps', 'bot', 'package.json')).version);
    expect(sh('npm', ['view', 'create-zepix', 'bin', '--json'], root, env)).toContain('create-zepix');
  });

  it('creates a host project with create-zepix that installs the bot and builds better-sqlite3', () => {
    const out = sh('pnpm', ['create', 'zepix', 'my-bot'], join(root, 'work'), env);
    expect(out).toContain('next: cd my-bot && pnpm start');
    const pkg = readJson(join(host, 'package.json')) as { dependencies: Record<string, string> };
    expect(Object.keys(pkg.dependencies)).toContain('@zepix/bot');
    const plugins = sh('pnpm', ['zepix', 'plugins'], host, env);
    expect(plugins).toMatch(/combined-v3 \(@zepix\/plugin-combined-v3@1\.\d+\.\d+\)/);
  });

  it('creates a standalone plugin that builds, typechecks, tests and publishes on its own', () => {
    const out = sh('pnpm', ['zepix', 'new-plugin', 'my-logic', '--out', '../my-logic'], host, env);
    expect(out).toContain('a standalone plugin package');
    const pkg = JSON.stringify(readJson(join(plugin, 'package.json')));
    expect(pkg).not.toContain('workspace:');
    expect(existsSync(join(plugin, 'dist', 'index.d.ts'))).toBe(true);
    sh('pnpm', ['typecheck'], plugin, env);
    expect(sh('pnpm', ['test'], plugin, env)).toMatch(/Tests\s+\d+ passed/);
    sh('git', ['init', '-q'], plugin, env);
    sh('git', ['add', '-A'], plugin, env);
    sh('git', ['commit', '-qm', 'my-logic 1.0.0'], plugin, env);
    sh('pnpm', ['release'], plugin, env);
    expect(sh('npm', ['view', PLUGIN, 'version'], root, env).trim()).toBe('1.0.0');
  });

  it('adds the plugin to the host, which routes an alert to it', async () => {
    sh('pnpm', ['add', PLUGIN], host, env);
    const configPath = join(host, 'zepix.config.json');
    const config = readFileSync(configPath, 'utf8');
    writeFileSync(configPath, config.replace('"plugins": {', '"plugins": {\n    "my-logic": { "enabled": true },'));
    const bot = await startBot(host, env);
    try {
      const secret = readFileSync(join(host, 'data', 'webhook-secret'), 'utf8').trim();
      const alert = { secret, type: 'entry', symbol: 'XAUUSD', signal: 'buy', tf: '5m', price: 2650.5 };
      const response = await fetch(`${bot.url}/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(alert),
      });
      expect(await response.json()).toMatchObject({ status: 'accepted' });
      await expect.poll(() => bot.output(), { timeout: 30_000 }).toContain('[MY-LOGIC] entry buy XAUUSD 5m at 2650.5');
      // Every plugin says what it did with the alert, the refusals included.
      await expect.poll(() => bot.output(), { timeout: 30_000 }).toMatch(/alert 1 \w+ by combined-v3: /);
    } finally {
      await bot.stop();
    }
  });

  it('releases a minor of the plugin that pnpm update brings into the host', () => {
    writeFileSync(
      join(plugin, '.changeset', 'second-release.md'),
      `---\n'${PLUGIN}': minor\n---\n\nA second release.\n`,
    );
    sh('pnpm', ['version-packages'], plugin, env);
    expect(readJson(join(plugin, 'package.json')).version).toBe('1.1.0');
    sh('git', ['commit', '-qam', 'my-logic 1.1.0'], plugin, env);
    sh('pnpm', ['release'], plugin, env);
    const check = sh('pnpm', ['zepix', 'plugins', '--check-updates'], host, env);
    expect(check).toContain('@zepix/plugin-my-logic@1.0.0: 1.1.0 is published and satisfies ^1.0.0; run pnpm update');
    sh('pnpm', ['update'], host, env);
    const plugins = sh('pnpm', ['zepix', 'plugins'], host, env);
    expect(plugins).toMatch(/my-logic \(@zepix\/plugin-my-logic@1\.1\.0\)/);
  });
});
