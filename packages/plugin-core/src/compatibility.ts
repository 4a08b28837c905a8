import { err, ok } from '@zepix/result';
import type { Result } from '@zepix/result';
// The two functions alone, not semver's front door: it loads every module of the library (~48), and this file is
// loaded by each thread of the bot (about 1 MB of heap each).
import satisfies from 'semver/functions/satisfies.js';
import validRange from 'semver/ranges/valid.js';
import { PLUGIN_API_VERSION } from './apiVersion.js';
import { PluginErrorCode } from './errors.js';
import type { ZepixManifest } from './manifest.js';

/** Result of a compatibility check: ok, or `ZEPIX_PLUGIN_INCOMPATIBLE` with the reason and what to do. */
export type CompatibilityResult = Result<undefined>;

const incompatible = (message: string, hint: string): CompatibilityResult =>
  err({ code: PluginErrorCode.Compatibility, message, hint });

/**
 * Turns a pnpm `workspace:` range into the range it is published as (`workspace:^` → `^<version>`), so the check
 * gives the same answer inside the monorepo as after `pnpm publish`.
 */
export function resolveWorkspaceRange(range: string, coreVersion: string): string {
  if (!range.startsWith('workspace:')) return range;
  const rest = range.slice('workspace:'.length);
  if (rest === '*' || rest === '') return '*';
  if (rest === '^' || rest === '~') return `${rest}${coreVersion}`;
  return rest;
}

/** Checks a plugin's apiVersion and its @zepix/plugin-core peer range against the host's core, before any plugin code runs. */
export function checkCompatibility(options: {
  readonly manifest: ZepixManifest;
  readonly peerDependencies: unknown;
  readonly coreVersion: string;
  readonly apiVersion?: number;
}): CompatibilityResult {
  const hostApi = options.apiVersion ?? PLUGIN_API_VERSION;
  const { manifest, coreVersion } = options;
  if (manifest.apiVersion !== hostApi) {
    const newer = manifest.apiVersion > hostApi;
    return incompatible(
      `needs plugin API ${manifest.apiVersion}, this bot provides ${hostApi}`,
      newer
        ? 'upgrade @zepix/bot (and @zepix/plugin-core), or install an older version of this plugin'
        : 'upgrade the plugin to a version built for this bot, or pin an older @zepix/bot',
    );
  }
  const peers = options.peerDependencies;
  const raw = peers && typeof peers === 'object' ? (peers as Record<string, unknown>)['@zepix/plugin-core'] : undefined;
  if (typeof raw !== 'string') {
    return incompatible(
      'does not declare @zepix/plugin-core as a peer dependency',
      'add "peerDependencies": { "@zepix/plugin-core": "^1.0.0" } (or "workspace:^" inside the monorepo) to its package.json',
    );
  }
  const range = resolveWorkspaceRange(raw, coreVersion);
  if (validRange(range) === null) {
    return incompatible(
      `has an unreadable @zepix/plugin-core peer range "${raw}"`,
      'use a semver range such as "^1.0.0"',
    );
  }
  if (!satisfies(coreVersion, range, { includePrerelease: true })) {
    return incompatible(
      `needs @zepix/plugin-core ${raw}, the bot has ${coreVersion}`,
      `install a plugin version whose peer range includes ${coreVersion}, or upgrade @zepix/bot`,
    );
  }
  return ok();
}
