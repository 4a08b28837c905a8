import { hasZepixManifest } from '@zepix/plugin-core';
import type { HostProject } from './hostProject.js';
import { readDependencyPackage } from './readDependencyPackage.js';
import type { DependencyPackage } from './readDependencyPackage.js';

/** What discovery found: packages that declare a `zepix` field, and dependencies it could not read. */
export interface Discovery {
  readonly candidates: readonly DependencyPackage[];
  readonly unreadable: readonly { readonly name: string; readonly reason: string; readonly hint: string }[];
}

/**
 * Lists plugin packages among the host project's `dependencies` (never devDependencies, never a folder scan).
 * Reads package.json files only; no plugin code runs here.
 */
export function discoverPlugins(project: HostProject): Discovery {
  const candidates: DependencyPackage[] = [];
  const unreadable: Discovery['unreadable'][number][] = [];
  for (const name of Object.keys(project.dependencies).sort()) {
    const read = readDependencyPackage(project, name);
    if (!read.ok) unreadable.push({ name, reason: read.reason, hint: read.hint });
    else if (hasZepixManifest(read.dependency.pkg)) candidates.push(read.dependency);
  }
  return { candidates, unreadable };
}
