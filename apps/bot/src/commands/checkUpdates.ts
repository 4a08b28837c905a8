import semver from 'semver';
import type { StartupReport } from '../discovery/startupReport.js';

/** One plugin's installed version against what its range in the host project would take. */
export interface PluginUpdate {
  readonly package: string;
  readonly installed: string;
  readonly range: string;
  /** The newest published version the range accepts; undefined when the registry could not be asked. */
  readonly newest?: string;
  readonly error?: string;
}

const DEFAULT_REGISTRY = 'https://registry.npmjs.org/';

/** The registry pnpm and npm use: npm_config_registry (set by pnpm for scripts, or by you), else npmjs. */
export function registryUrl(env: NodeJS.ProcessEnv = process.env): string {
  const url = env.npm_config_registry || DEFAULT_REGISTRY;
  return url.endsWith('/') ? url : `${url}/`;
}

async function publishedVersions(registry: string, name: string): Promise<string[]> {
  const response = await fetch(`${registry}${name.replace('/', '%2f')}`, {
    // The abbreviated document: versions without readmes, one small request per package.
    headers: { accept: 'application/vnd.npm.install-v1+json' },
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`${registry} answered ${response.status} for ${name}`);
  const body = (await response.json()) as { versions?: Record<string, unknown> };
  return Object.keys(body.versions ?? {});
}

/** Asks the registry, one request per loaded plugin, which newer version each plugin's range would take. */
export async function checkUpdates(
  report: StartupReport,
  dependencies: Readonly<Record<string, string>>,
  registry: string,
): Promise<PluginUpdate[]> {
  const plugins = report.results.filter((r) => r.version && dependencies[r.package]);
  return Promise.all(
    plugins.map(async (plugin): Promise<PluginUpdate> => {
      const base = { package: plugin.package, installed: plugin.version!, range: dependencies[plugin.package]! };
      try {
        const newest = semver.maxSatisfying(await publishedVersions(registry, plugin.package), base.range);
        return newest ? { ...base, newest } : base;
      } catch (error) {
        return { ...base, error: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
}

/** Lines for `zepix plugins --check-updates`. */
export function formatUpdates(updates: readonly PluginUpdate[], registry: string): string {
  const lines = updates.map((u) => {
    if (u.error) return `  ? ${u.package}@${u.installed}: could not ask the registry (${u.error})`;
    if (u.newest && semver.gt(u.newest, u.installed)) {
      return `  ↑ ${u.package}@${u.installed}: ${u.newest} is published and satisfies ${u.range}; run pnpm update`;
    }
    return `  ✔ ${u.package}@${u.installed}: newest that satisfies ${u.range}`;
  });
  return [`updates (registry ${registry}):`, ...lines].join('\n');
}
