import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PLUGIN_API_VERSION } from '@zepix/plugin-core';
import { benchPluginSource } from './benchPlugin.mjs';

const require = createRequire(import.meta.url);
const CORE_DIR = dirname(require.resolve('@zepix/plugin-core/package.json'));
const CORE_VERSION = require('@zepix/plugin-core/package.json').version;

/** This repo's apps/bot, linked into the project as a user's install of @zepix/bot would be. */
export const BOT_DIR = fileURLToPath(new URL('../', import.meta.url));

/** The plugin id whose database the latency scenario reads. */
export const BENCH_PLUGIN_ID = 'bench';

function pluginId(index) {
  return index === 0 ? BENCH_PLUGIN_ID : `bench-${index + 1}`;
}

function writePlugin(root, index) {
  const id = pluginId(index);
  const entry = `BenchPlugin${index + 1}`;
  const name = `@bench/plugin-${id}`;
  const dir = join(root, 'packages', id);
  mkdirSync(join(dir, 'node_modules', '@zepix'), { recursive: true });
  // Each plugin resolves the real, built plugin-core through its own node_modules, as pnpm lays it out.
  symlinkSync(CORE_DIR, join(dir, 'node_modules', '@zepix', 'plugin-core'), 'dir');
  const pkg = {
    name,
    version: '1.0.0',
    description: `bench plugin ${id}`,
    type: 'module',
    exports: { '.': './index.js', './package.json': './package.json' },
    zepix: { id, entry, apiVersion: PLUGIN_API_VERSION },
    peerDependencies: { '@zepix/plugin-core': `^${CORE_VERSION}` },
  };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
  writeFileSync(join(dir, 'index.js'), benchPluginSource(entry));
  const link = join(root, 'node_modules', ...name.split('/'));
  mkdirSync(dirname(link), { recursive: true });
  symlinkSync(dir, link, 'dir');
  return { id, name };
}

/**
 * Writes a user's project under `root`: a package.json depending on @zepix/bot and on `pluginCount` plugin
 * packages, and a zepix.config.json that listens on loopback and refuses to start without every plugin.
 */
export function createBenchProject(root, pluginCount) {
  mkdirSync(join(root, 'node_modules', '@zepix'), { recursive: true });
  symlinkSync(BOT_DIR, join(root, 'node_modules', '@zepix', 'bot'), 'dir');
  const plugins = Array.from({ length: pluginCount }, (_, index) => writePlugin(root, index));
  const pkg = {
    name: `zepix-bench-${pluginCount}-plugins`,
    private: true,
    dependencies: {
      '@zepix/bot': '^0.1.0',
      ...Object.fromEntries(plugins.map((p) => [p.name, '1.0.0'])),
    },
  };
  writeFileSync(join(root, 'package.json'), JSON.stringify(pkg, null, 2));
  const config = {
    server: { host: '127.0.0.1', port: 0 },
    plugins: Object.fromEntries(plugins.map((p) => [p.id, { required: true }])),
  };
  writeFileSync(join(root, 'zepix.config.json'), JSON.stringify(config, null, 2));
  return { dir: root, pluginCount };
}
