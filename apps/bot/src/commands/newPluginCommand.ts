import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { BotError, BotErrorCode } from '../errors.js';
import { findHostProject } from '../discovery/hostProject.js';
import type { CommandIo } from './pluginsCommand.js';
import { assertNewPluginId, pluginNames, scaffoldPlugin } from './scaffoldPlugin.js';

/** Options of `zepix new-plugin <id>`. */
export interface NewPluginOptions {
  readonly id: string | undefined;
  readonly cwd?: string;
  readonly projectDir?: string;
  /** Skip `pnpm install` and the build (the files and the dependency are still written). */
  readonly skipInstall?: boolean;
}

function findWorkspaceRoot(from: string): string {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (dirname(dir) === dir) break;
  }
  throw new BotError(BotErrorCode.Scaffold, `no pnpm workspace (pnpm-workspace.yaml) above ${from}`, {
    hint: 'run zepix new-plugin inside the Zepix monorepo, or create the package by hand as PLUGIN_DEVELOPER_GUIDE.md shows',
  });
}

function templateDir(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('@zepix/plugin-template/package.json'));
}

function addDependency(packageJsonPath: string, name: string): void {
  const pkg = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as { dependencies?: Record<string, string> };
  const deps = { ...pkg.dependencies, [name]: 'workspace:^' };
  pkg.dependencies = Object.fromEntries(Object.entries(deps).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(packageJsonPath, `${JSON.stringify(pkg, null, 2)}\n`);
}

function run(io: CommandIo, cwd: string, args: string[]): void {
  io.err(`$ pnpm ${args.join(' ')}`);
  const result = spawnSync('pnpm', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0) {
    throw new BotError(BotErrorCode.Scaffold, `pnpm ${args.join(' ')} failed:\n${result.stderr || result.stdout}`, {
      hint: `run it yourself in ${cwd} and fix what it reports`,
    });
  }
}

/**
 * `zepix new-plugin <id>`: scaffolds plugins/<id> from the template, adds it to the host project's dependencies
 * as a workspace package, installs and builds it, so `zepix plugins` lists it at once.
 */
export function newPluginCommand(options: NewPluginOptions, io: CommandIo): number {
  assertNewPluginId(options.id);
  const cwd = options.cwd ?? process.cwd();
  const names = pluginNames(options.id);
  const project = findHostProject({ cwd, ...(options.projectDir ? { projectDir: options.projectDir } : {}) });
  const workspace = findWorkspaceRoot(project.dir);
  const target = scaffoldPlugin({ templateDir: templateDir(), workspaceDir: workspace, id: options.id });
  addDependency(project.packageJsonPath, names.packageName);
  io.out(`created ${relative(cwd, target) || target} (${names.packageName}, class ${names.className})`);
  io.out(`added ${names.packageName}: workspace:^ to ${relative(cwd, project.packageJsonPath)}`);
  if (!options.skipInstall) {
    run(io, workspace, ['install', '--prefer-offline', '--no-frozen-lockfile']);
    run(io, workspace, ['--filter', names.packageName, 'build']);
  }
  io.out(
    `next: zepix test-plugin ${names.id}, then edit ${relative(cwd, join(target, 'src', `${names.className}.ts`))}`,
  );
  return 0;
}
