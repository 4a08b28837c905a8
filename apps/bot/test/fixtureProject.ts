import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A plugin package written for a test: its package.json fields and module source. */
export interface FixturePlugin {
  readonly name: string;
  readonly zepix?: unknown;
  readonly source?: string;
  readonly peer?: string | null;
  readonly version?: string;
  readonly exports?: unknown;
}

const require = createRequire(import.meta.url);
/** The real, built @zepix/plugin-core the fixture plugins link to, as a user's install would. */
export const CORE_DIR = dirname(require.resolve('@zepix/plugin-core/package.json'));

/** This repo's apps/bot folder. */
export const BOT_DIR = fileURLToPath(new URL('../', import.meta.url));

/** Source of a working plugin class named `entry`, tagged so tests can tell plugins apart. */
export function goodPluginSource(entry: string, extra = ''): string {
  return `import { BaseLogicPlugin, z } from '@zepix/plugin-core';
export class ${entry} extends BaseLogicPlugin {
  static configSchema = z.object({ label: z.string().default('${entry}') }).strict();
  ${extra}
  async processEntrySignal(alert) { return { status: 'ok', message: this.config.label + ' entry ' + alert.symbol }; }
  async processExitSignal(alert) { return { status: 'ok', message: this.config.label + ' exit ' + alert.symbol }; }
  async processReversalSignal(alert) { return { status: 'ok', message: this.config.label + ' reversal ' + alert.symbol }; }
}
`;
}

function writePlugin(root: string, plugin: FixturePlugin): string {
  const dir = join(root, 'packages', plugin.name.replace('/', '__'));
  mkdirSync(join(dir, 'node_modules', '@zepix'), { recursive: true });
  symlinkSync(CORE_DIR, join(dir, 'node_modules', '@zepix', 'plugin-core'), 'dir');
  const pkg = {
    name: plugin.name,
    version: plugin.version ?? '1.2.3',
    description: `fixture ${plugin.name}`,
    author: { name: 'Fixture Author' },
    type: 'module',
    exports: plugin.exports ?? { '.': './index.js', './package.json': './package.json' },
    ...(plugin.zepix === undefined ? {} : { zepix: plugin.zepix }),
    ...(plugin.peer === null ? {} : { peerDependencies: { '@zepix/plugin-core': plugin.peer ?? '^1.0.0' } }),
  };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
  writeFileSync(join(dir, 'index.js'), plugin.source ?? 'export {};\n');
  return dir;
}

/** A throwaway project: package.json with these dependencies, each linked under node_modules as pnpm would. */
export interface FixtureProject {
  readonly dir: string;
  remove(): void;
}

/** Writes a project folder whose `dependencies` are `deps` and whose `devDependencies` are `devDeps`. */
export function createFixtureProject(options: {
  readonly deps: readonly FixturePlugin[];
  readonly devDeps?: readonly FixturePlugin[];
  readonly name?: string;
  /** Also depend on @zepix/bot (linked to this repo's apps/bot), as a user's project would. */
  readonly withBot?: boolean;
}): FixtureProject {
  const dir = mkdtempSync(join(tmpdir(), 'zepix-project-'));
  const link = (plugin: FixturePlugin) => {
    const target = join(dir, 'node_modules', ...plugin.name.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    symlinkSync(writePlugin(dir, plugin), target, 'dir');
  };
  for (const plugin of [...options.deps, ...(options.devDeps ?? [])]) link(plugin);
  if (options.withBot) {
    mkdirSync(join(dir, 'node_modules', '@zepix'), { recursive: true });
    symlinkSync(BOT_DIR, join(dir, 'node_modules', '@zepix', 'bot'), 'dir');
  }
  const versions = (list: readonly FixturePlugin[]) =>
    Object.fromEntries(list.map((p) => [p.name, p.version ?? '1.2.3']));
  const pkg = {
    name: options.name ?? 'my-trading-desk',
    private: true,
    dependencies: { ...versions(options.deps), ...(options.withBot ? { '@zepix/bot': '^0.1.0' } : {}) },
    devDependencies: versions(options.devDeps ?? []),
  };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
