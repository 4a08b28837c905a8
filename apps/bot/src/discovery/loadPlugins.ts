import {
  PluginErrorCode,
  PluginRegistry,
  authorName,
  checkCompatibility,
  describeError,
  parseManifest,
  withTimeout,
} from '@zepix/plugin-core';
import type { BaseLogicPlugin, PluginMetadata, ZepixManifest } from '@zepix/plugin-core';
import type { Logger } from 'pino';
import type { BotConfig } from '../config/configSchema.js';
import { discoverPlugins } from './discoverPlugins.js';
import type { HostProject } from './hostProject.js';
import { instantiatePlugin } from './instantiatePlugin.js';
import type { CreateServices } from './instantiatePlugin.js';
import type { DependencyPackage } from './readDependencyPackage.js';
import { summarize } from './startupReport.js';
import type { LoadStage, PluginLoadResult, StartupReport } from './startupReport.js';

/** Everything loading needs from the host. */
export interface LoadPluginsOptions {
  readonly project: HostProject;
  readonly config: BotConfig;
  readonly coreVersion: string;
  readonly dataDir: string;
  readonly logger: Logger;
  readonly createServices: CreateServices;
  readonly registry?: PluginRegistry;
  /** Load only these ids (others are reported as skipped); used by `zepix test-plugin`. */
  readonly only?: readonly string[];
}

/** The registry with every plugin that loaded, and the report of all of them. */
export interface LoadedPlugins {
  readonly registry: PluginRegistry;
  readonly report: StartupReport;
}

type Failure = { readonly stage: LoadStage; readonly code: string; readonly message: string; readonly hint?: string };

class StageFailure extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
  }
}

function fail(stage: LoadStage, code: string, message: string, hint?: string): never {
  throw new StageFailure({ stage, code, message, ...(hint ? { hint } : {}) });
}

function metadataOf(dep: DependencyPackage, manifest: ZepixManifest): PluginMetadata {
  const description = typeof dep.pkg.description === 'string' ? dep.pkg.description : undefined;
  const author = authorName(dep.pkg.author);
  return {
    packageName: dep.name,
    version: typeof dep.pkg.version === 'string' ? dep.pkg.version : '0.0.0',
    apiVersion: manifest.apiVersion,
    ...(description ? { description } : {}),
    ...(author ? { author } : {}),
  };
}

async function loadOne(dep: DependencyPackage, manifest: ZepixManifest, options: LoadPluginsOptions) {
  const compat = checkCompatibility({
    manifest,
    peerDependencies: dep.pkg.peerDependencies,
    coreVersion: options.coreVersion,
  });
  if (!compat.ok) fail('compatibility', compat.error.code, compat.error.message, compat.error.hint ?? '');
  const plugin = await instantiatePlugin({ dep, manifest, metadata: metadataOf(dep, manifest), ...options });
  if (!plugin.ok) fail(plugin.stage, plugin.code, plugin.message, plugin.hint);
  const initTimeout = options.config.plugin_system.init_timeout_ms;
  try {
    await withTimeout(plugin.plugin.initialize(), initTimeout);
  } catch (error) {
    await plugin.plugin.shutdown().catch(() => undefined);
    fail(
      'init',
      PluginErrorCode.Init,
      `initialize() failed: ${describeError(error)}`,
      "fix the plugin's initialize() or its config",
    );
  }
  return plugin.plugin;
}

function selectionReason(id: string, options: LoadPluginsOptions): string | undefined {
  const { plugin_system: system, plugins } = options.config;
  if (!system.enabled) return 'plugin_system.enabled is false';
  if (options.only && !options.only.includes(id)) return 'not selected for this command';
  if (!system.auto_discover && !(id in plugins))
    return `plugin_system.auto_discover is false and plugins.${id} is not configured`;
  return undefined;
}

/** One package's outcome and, when it loaded, the plugin instance. */
interface Candidate {
  readonly result: PluginLoadResult;
  readonly plugin?: BaseLogicPlugin;
}

/**
 * Discovers, checks, imports, configures and initialises every plugin of the host project, one stage at a time.
 * A failure stays with its plugin and ends up in the report; nothing here throws for a bad plugin.
 */
export async function loadPlugins(options: LoadPluginsOptions): Promise<LoadedPlugins> {
  const registry = options.registry ?? new PluginRegistry();
  const discovery = discoverPlugins(options.project);
  const seen = new Map<string, string>();
  const unreadable: Candidate[] = discovery.unreadable.map((u) => ({
    result: failed(
      { package: u.name, started: performance.now(), required: false },
      { stage: 'manifest', code: PluginErrorCode.Manifest, message: u.reason, hint: u.hint },
    ),
  }));
  // Manifests are checked in dependency order (so duplicate ids are reported deterministically); imports overlap.
  const loading = discovery.candidates.map((dep) => loadCandidate(dep, seen, options));
  const candidates = [...unreadable, ...(await Promise.all(loading))];
  for (const { plugin } of candidates) if (plugin) registry.register(plugin);
  const results = candidates.map((c) => c.result);
  results.push(...missingRequired(results, options));
  const { name, dir, reason } = options.project;
  return { registry, report: summarize({ name, dir, reason }, results) };
}

async function loadCandidate(
  dep: DependencyPackage,
  seen: Map<string, string>,
  options: LoadPluginsOptions,
): Promise<Candidate> {
  const started = performance.now();
  const parsed = parseManifest(dep.pkg);
  const version = typeof dep.pkg.version === 'string' ? dep.pkg.version : undefined;
  const base = { package: dep.name, started, required: false, ...(version ? { version } : {}) };
  if (!parsed.ok) {
    const hint =
      'fix the "zepix" field in the package.json: { "id": "my-logic", "entry": "MyLogicPlugin", "apiVersion": 1 }';
    return {
      result: failed(base, {
        stage: 'manifest',
        code: PluginErrorCode.Manifest,
        message: parsed.error.message,
        hint,
      }),
    };
  }
  const { id } = parsed.value;
  const withId = { ...base, id, required: options.config.plugins[id]?.required ?? false };
  const owner = seen.get(id);
  if (owner) {
    return {
      result: failed(withId, {
        stage: 'manifest',
        code: PluginErrorCode.Duplicate,
        message: `id "${id}" is already used by ${owner}`,
        hint: 'give each plugin a unique "zepix.id", or remove one of the two packages',
      }),
    };
  }
  seen.set(id, dep.name);
  const skip = selectionReason(id, options);
  if (skip) {
    const error = { code: 'ZEPIX_PLUGIN_SKIPPED', message: skip };
    return { result: { ...strip(withId), outcome: 'skipped', stage: 'manifest', error } };
  }
  try {
    const plugin = await loadOne(dep, parsed.value, options);
    return { result: { ...strip(withId), outcome: 'loaded', stage: 'init', enabled: plugin.enabled }, plugin };
  } catch (error) {
    const failure =
      error instanceof StageFailure
        ? error.failure
        : { stage: 'init' as const, code: PluginErrorCode.Init, message: describeError(error) };
    return { result: failed(withId, failure) };
  }
}

function strip(base: { started: number } & Omit<PluginLoadResult, 'outcome' | 'stage' | 'durationMs'>) {
  const { started, ...rest } = base;
  return { ...rest, durationMs: Math.round((performance.now() - started) * 10) / 10 };
}

function failed(
  base: { started: number } & Omit<PluginLoadResult, 'outcome' | 'stage' | 'durationMs'>,
  failure: Failure,
): PluginLoadResult {
  const error = { code: failure.code, message: failure.message, ...(failure.hint ? { hint: failure.hint } : {}) };
  return { ...strip(base), outcome: 'failed', stage: failure.stage, error };
}

function missingRequired(results: readonly PluginLoadResult[], options: LoadPluginsOptions): PluginLoadResult[] {
  const found = new Set(results.map((r) => r.id));
  return Object.entries(options.config.plugins)
    .filter(([id, section]) => section.required && !found.has(id))
    .map(([id]) =>
      failed(
        { package: '(not installed)', id, started: performance.now(), required: true },
        {
          stage: 'manifest',
          code: PluginErrorCode.NotFound,
          message: `plugins.${id} is required but no dependency of ${options.project.name} has "zepix.id": "${id}"`,
          hint: `install it (pnpm add @zepix/plugin-${id}) or set plugins.${id}.required to false`,
        },
      ),
    );
}
