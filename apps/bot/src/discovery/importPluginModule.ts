import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { exports as resolveExports } from 'resolve.exports';
import type { DependencyPackage } from './readDependencyPackage.js';

/** Importing a plugin's main module: the module, or why it failed and what to do. */
export type ImportResult =
  | { readonly ok: true; readonly module: Readonly<Record<string, unknown>> }
  | { readonly ok: false; readonly reason: string; readonly hint: string; readonly cause?: unknown };

function entryFile(dep: DependencyPackage): string | undefined {
  try {
    const target = resolveExports(dep.pkg, '.', { conditions: ['node', 'import'] })?.[0];
    if (target) return join(dep.dir, target);
  } catch {
    // An `exports` map without "." falls through to `main`, as Node would refuse the bare import anyway.
  }
  const main = typeof dep.pkg.main === 'string' ? dep.pkg.main : undefined;
  return main ? join(dep.dir, main) : undefined;
}

/**
 * Imports a plugin's main module by absolute file URL. This lives in apps/bot on purpose: the host does the
 * import, so plugin-core never needs to resolve the host's dependencies (pnpm would not let it).
 */
export async function importPluginModule(dep: DependencyPackage): Promise<ImportResult> {
  const file = entryFile(dep);
  if (!file) {
    return {
      ok: false,
      reason: 'has no "exports" "." entry and no "main" to import',
      hint: 'add "exports": { ".": "./dist/index.js", "./package.json": "./package.json" } to its package.json',
    };
  }
  if (!existsSync(file)) {
    return {
      ok: false,
      reason: `entry file ${file} does not exist (the package is not built)`,
      hint: `build it: pnpm --filter ${dep.name} build (or pnpm build at the repo root)`,
    };
  }
  try {
    return { ok: true, module: (await import(pathToFileURL(file).href)) as Record<string, unknown> };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const missingDep = code === 'ERR_MODULE_NOT_FOUND';
    return {
      ok: false,
      reason: `threw while importing: ${(error as Error).message ?? String(error)}`,
      hint: missingDep
        ? `a dependency of ${dep.name} is missing: add it to the plugin's package.json and run pnpm install`
        : `fix the error in ${dep.name}; its module must import without side effects that can fail`,
      cause: error,
    };
  }
}
