import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { BotError, BotErrorCode } from '../errors.js';
import { findHostProject } from '../discovery/hostProject.js';
import type { CommandIo } from './pluginsCommand.js';
import { assertNewPluginId, pluginNames, scaffoldPlugin } from './scaffoldPlugin.js';
import { scaffoldStandalonePlugin } from './standalonePlugin.js';

/** Options of `zepix new-plugin <id>`. */
export interface NewPluginOptions {
  readonly id: string | undefined;
  readonly cwd?: string;
  readonly projectDir?: string;
  /** Skip `pnpm install` and the build (the files and the dependency are still written). */
  readonly skipInstall?: boolean;
  /** Create a package of its own even inside the monorepo. */
  readonly standalone?: boolean;
  /** Standalone: the folder to create (default ./zepix-plugin-<id>). */
  readonly out?: string;
  /** Standalone: the package name (default @zepix/plugin-<id>). */
  readonly packageName?: string;
}

const requireHere = createRequire(import.meta.url);

function templateDir(): string {
  return dirname(requireHere.resolve('@zepix/plugin-template/package.json'));
}

/**
 * The Zepix monorepo around `from`, if any: a pnpm workspace whose own plugins/template is the template this bot
 * uses. A trader's project with a pnpm-workspace.yaml of its own is not one (its template is an installed copy).
 */
function findMonorepo(from: string, template: string): string | undefined {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) {
      return realpathSync(template) === realpathSync(join(dir, 'plugins', 'template')) ? dir : undefined;
    }
    if (dirname(dir) === dir) return undefined;
  }
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
 * `zepix new-plugin <id>`: inside the monorepo, scaffolds plugins/<id> from the template, adds it to the host
 * project's dependencies as a workspace package, installs and builds it, so `zepix plugins` lists it at once.
 * Elsewhere (or with --standalone) it creates a package of its own; see standaloneCommand.
 */
export function newPluginCommand(options: NewPluginOptions, io: CommandIo): number {
  assertNewPluginId(options.id);
  const cwd = options.cwd ?? process.cwd();
  const template = templateDir();
  const project = findHostProject({ cwd, ...(options.projectDir ? { projectDir: options.projectDir } : {}) });
  const workspace = options.standalone ? undefined : findMonorepo(project.dir, template);
  if (!workspace) return standaloneCommand({ ...options, id: options.id }, cwd, template, io);
  const names = pluginNames(options.id);
  const target = scaffoldPlugin({ templateDir: template, workspaceDir: workspace, id: options.id });
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

/**
 * A plugin package outside any workspace: it depends on the published @zepix/plugin-core and @zepix/testing
 * (this bot's versions) and the build, test and release tools, and the host project is not touched (add it once it is published,
 * or with `pnpm add link:<folder>` while developing).
 */
function standaloneCommand(
  options: NewPluginOptions & { readonly id: string },
  cwd: string,
  template: string,
  io: CommandIo,
): number {
  const target = resolve(cwd, options.out ?? `zepix-plugin-${options.id}`);
  const versionOf = (name: string) => (requireHere(`${name}/package.json`) as { version: string }).version;
  const created = scaffoldStandalonePlugin({
    templateDir: template,
    target,
    id: options.id,
    coreVersion: versionOf('@zepix/plugin-core'),
    testingVersion: versionOf('@zepix/testing'),
    ...(options.packageName ? { packageName: options.packageName } : {}),
  });
  const where = relative(cwd, target) || target;
  io.out(`created ${where} (${created.packageName}, class ${created.className}), a standalone plugin package`);
  if (!options.skipInstall) {
    run(io, target, ['install']);
    run(io, target, ['build']);
  }
  io.out(
    [
      `next: cd ${where} && pnpm test, then edit src/${created.className}.ts`,
      `release: pnpm changeset && pnpm version-packages && pnpm release (npm_config_registry=<url> for a private registry)`,
      `use it: pnpm add ${created.packageName} in your bot project (or pnpm add link:${target} while developing)`,
    ].join('\n'),
  );
  return 0;
}
