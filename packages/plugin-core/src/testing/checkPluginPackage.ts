import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PLUGIN_API_VERSION } from '../apiVersion.js';
import { checkCompatibility } from '../compatibility.js';
import { parseManifest } from '../manifest.js';
import type { PluginPackageJson } from '../manifest.js';
import { checkPluginClass, validatePluginConfig } from '../pluginClass.js';

/** Options for the contract check. */
export interface CheckPluginPackageOptions {
  /** The plugin package folder (a path or a file URL). */
  readonly packageDir: string | URL;
  /** The plugin's main module, imported by the test (its `src/index.ts` works without a build). */
  readonly module: Readonly<Record<string, unknown>>;
  /** The @zepix/plugin-core version to check the peer range against; defaults to this copy's. */
  readonly coreVersion?: string;
}

/** Result of the contract check: every problem found, empty when the package is valid. */
export interface PluginPackageReport {
  readonly ok: boolean;
  readonly problems: readonly string[];
  readonly id?: string;
}

function ownCoreVersion(): string {
  // A self-reference by package name resolves the same from src and from the bundled dist.
  const require = createRequire(import.meta.url);
  return (require('@zepix/plugin-core/package.json') as { version: string }).version;
}

function checkExports(exportsField: unknown): string[] {
  if (!exportsField || typeof exportsField !== 'object') {
    return ['exports: must be an object with "." and "./package.json" entries'];
  }
  const problems: string[] = [];
  if (!('.' in exportsField)) problems.push('exports: must have a "." entry pointing at the built module');
  if (!('./package.json' in exportsField)) {
    problems.push('exports: must include "./package.json": "./package.json" so the bot can read the manifest');
  }
  return problems;
}

/**
 * Checks a plugin package the way the bot will: manifest, exports, peer range, entry class, brand and config
 * defaults. Use it in every plugin's own tests so a broken package fails there, not at the bot's start.
 */
export function checkPluginPackage(options: CheckPluginPackageOptions): PluginPackageReport {
  const dir = options.packageDir instanceof URL ? fileURLToPath(options.packageDir) : options.packageDir;
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PluginPackageJson & { type?: unknown };
  const problems: string[] = [];
  if (typeof pkg.name !== 'string' || !pkg.name) problems.push('name: missing');
  if (pkg.type !== 'module') problems.push('type: must be "module" (plugins are ES modules)');
  problems.push(...checkExports(pkg.exports));
  const manifest = parseManifest(pkg);
  if (!manifest.ok) return { ok: false, problems: [...problems, ...manifest.error.issues] };
  const { id, entry } = manifest.value;
  const compat = checkCompatibility({
    manifest: manifest.value,
    peerDependencies: pkg.peerDependencies,
    coreVersion: options.coreVersion ?? ownCoreVersion(),
    apiVersion: PLUGIN_API_VERSION,
  });
  if (!compat.ok) problems.push(`compatibility: ${compat.error.message}. Fix: ${compat.error.hint}`);
  const cls = checkPluginClass(options.module[entry]);
  if (!cls.ok) {
    problems.push(`zepix.entry: export "${entry}" ${cls.error.message}`);
  } else {
    const config = validatePluginConfig(cls.value, id, {});
    if (!config.ok) problems.push(...config.error.issues.map((i) => `configSchema defaults: ${i}`));
  }
  return { ok: problems.length === 0, problems, id };
}

/** Like `checkPluginPackage`, but throws one error listing every problem; for test files. */
export function expectValidPluginPackage(options: CheckPluginPackageOptions): void {
  const report = checkPluginPackage(options);
  if (!report.ok) throw new Error(`plugin package is not valid:\n  - ${report.problems.join('\n  - ')}`);
}
