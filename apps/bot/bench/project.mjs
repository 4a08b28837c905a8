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

/** The plugin id whose database the latency scenarios read. */
export const BENCH_PLUGIN_ID = 'bench';

/**
 * Trading settings of the order scenario: the default risk limits (5 open trades, 10 orders a minute) would
 * refuse most of a 100/s run, so they are lifted. The $100k tier's $2,000 daily cap counts open losses and every
 * new position opens a spread below zero: a fixed 0.01 lot (about $0.20 each on gold) keeps ~1,000 positions far
 * under it, and smart lot is off so the size does not shrink as that open loss grows. The worst-case gate (every
 * position at its stop-loss) is off: ~1,000 positions' stops would pass the cap, and the bench measures speed.
 */
const ORDER_SETTINGS = {
  broker: { starting_balance: 100_000 },
  trading: {
    risk: { max_open_trades_per_plugin: 100_000, max_orders_per_minute: 100_000, worst_case: false },
    lot_sizing: { smart_lot: false, symbol_lots: { XAUUSD: 0.01 } },
  },
};

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
 * packages, and a zepix.config.json that listens on loopback and refuses to start without every plugin. With
 * `placeOrders` the first plugin opens a paper position for every entry, under ORDER_SETTINGS; with `dualOrders`
 * it opens a dual order (legs A and B) instead; with `closeOpposite` it then closes its positions on the other side.
 */
export function createBenchProject(
  root,
  pluginCount,
  { placeOrders = false, dualOrders = false, closeOpposite = false, broker } = {},
) {
  mkdirSync(join(root, 'node_modules', '@zepix'), { recursive: true });
  symlinkSync(BOT_DIR, join(root, 'node_modules', '@zepix', 'bot'), 'dir');
  const plugins = Array.from({ length: pluginCount }, (_, index) => writePlugin(root, index));
  const pkg = {
    name: `zepix-bench-${pluginCount}-plugins${placeOrders ? '-orders' : ''}${dualOrders ? '-dual' : ''}${broker ? `-${broker.kind}` : ''}`,
    private: true,
    dependencies: {
      '@zepix/bot': '^0.1.0',
      ...Object.fromEntries(plugins.map((p) => [p.name, '1.0.0'])),
    },
  };
  writeFileSync(join(root, 'package.json'), JSON.stringify(pkg, null, 2));
  const sections = plugins.map((p) => [p.id, { required: true }]);
  if (placeOrders) sections[0][1].place_orders = true;
  if (placeOrders && dualOrders) sections[0][1].dual_orders = true;
  if (placeOrders && closeOpposite) sections[0][1].close_opposite = true;
  const config = {
    server: { host: '127.0.0.1', port: 0 },
    ...(placeOrders ? ORDER_SETTINGS : {}),
    ...(broker ? { broker } : {}),
    plugins: Object.fromEntries(sections),
  };
  writeFileSync(join(root, 'zepix.config.json'), JSON.stringify(config, null, 2));
  return { dir: root, pluginCount };
}
