import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PluginPackageJson } from '@zepix/plugin-core';
import type { HostProject } from './hostProject.js';

/** A dependency's package.json and where the package really lives. */
export interface DependencyPackage {
  readonly name: string;
  readonly dir: string;
  readonly pkg: PluginPackageJson & Record<string, unknown>;
}

/** Reading a dependency's package.json: found, not installed, or unreadable. */
export type ReadDependencyResult =
  | { readonly ok: true; readonly dependency: DependencyPackage }
  | { readonly ok: false; readonly reason: string; readonly hint: string };

function locate(project: HostProject, name: string): string | undefined {
  const require = createRequire(project.packageJsonPath);
  try {
    return require.resolve(`${name}/package.json`);
  } catch {
    // Packages whose `exports` hide package.json still sit under node_modules: pnpm links every direct dependency.
    const direct = join(project.dir, 'node_modules', name, 'package.json');
    return existsSync(direct) ? direct : undefined;
  }
}

/** Finds and reads one dependency's package.json from the host project, without running any of its code. */
export function readDependencyPackage(project: HostProject, name: string): ReadDependencyResult {
  const path = locate(project, name);
  if (!path) {
    return {
      ok: false,
      reason: `is listed in ${project.name}'s dependencies but is not installed`,
      hint: `run pnpm install in ${project.dir}`,
    };
  }
  try {
    const real = realpathSync(path);
    const pkg = JSON.parse(readFileSync(real, 'utf8')) as DependencyPackage['pkg'];
    return { ok: true, dependency: { name, dir: dirname(real), pkg } };
  } catch (error) {
    return {
      ok: false,
      reason: `has an unreadable package.json (${(error as Error).message})`,
      hint: 'reinstall the package',
    };
  }
}
