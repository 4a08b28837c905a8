// What a package needs before a trader can install it from a registry. Pure functions over manifests, so
// release-check.mjs applies them to the packed tarballs and new packages get the same rules without new code.

/** Packages a trader installs by name; everything they depend on inside the workspace must be public too. */
export const USER_ENTRY_PACKAGES = ['@zepix/bot', 'create-zepix'];

const RUNTIME_FIELDS = ['dependencies', 'peerDependencies', 'optionalDependencies'];

/**
 * Fails every package a trader needs that is private: the entry packages, every logic plugin (a package with a
 * `zepix` manifest) and the workspace packages they depend on at run time, transitively.
 */
export function checkUserPackagesPublic(manifests) {
  const byName = new Map(manifests.map((m) => [m.pkg.name, m]));
  const problems = [];
  const seen = new Set();
  const queue = [
    ...USER_ENTRY_PACKAGES.map((name) => ({ name, via: 'installed by traders' })),
    ...manifests.filter((m) => m.pkg.zepix).map((m) => ({ name: m.pkg.name, via: 'a shipped logic plugin' })),
  ];
  while (queue.length > 0) {
    const { name, via } = queue.shift();
    if (seen.has(name)) continue;
    seen.add(name);
    const found = byName.get(name);
    if (!found) {
      if (USER_ENTRY_PACKAGES.includes(name)) problems.push(`${name} (${via}) is missing from the workspace`);
      continue;
    }
    if (found.pkg.private) {
      problems.push(
        `${name} (${found.dir}) is private but ${via}: remove "private": true so \`pnpm release\` publishes it`,
      );
    }
    for (const field of RUNTIME_FIELDS) {
      for (const dep of Object.keys(found.pkg[field] ?? {})) {
        if (byName.has(dep)) queue.push({ name: dep, via: `needed by ${name}` });
      }
    }
  }
  return problems;
}

function exportTargets(value) {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(exportTargets);
  return [];
}

const normalise = (path) => path.replace(/^\.\//, '');

/**
 * Checks one packed package.json against the files in its tarball: every export and bin target is shipped,
 * the README is there, and the metadata registries and traders rely on is present and stable (≥ 1.0.0).
 */
export function checkPackedManifest({ packed, files, dir, rootPkg }) {
  const name = packed.name;
  const problems = [];
  const has = new Set(files);
  if (!packed.license) problems.push(`${name}: no "license"`);
  if (!packed.engines?.node) problems.push(`${name}: no "engines.node" (the bot needs Node ${rootPkg.engines.node})`);
  if (!Array.isArray(packed.files)) problems.push(`${name}: no "files" list, so the tarball ships whatever is there`);
  if (!packed.exports && !packed.bin) problems.push(`${name}: neither "exports" nor "bin": nothing to import or run`);
  if (packed.repository?.url !== rootPkg.repository.url || packed.repository?.directory !== dir) {
    problems.push(
      `${name}: "repository" should be { "url": "${rootPkg.repository.url}", "directory": "${dir}" }, got ${JSON.stringify(packed.repository)}`,
    );
  }
  if (!has.has('README.md')) problems.push(`${name}: the tarball has no README.md`);
  if (Number(packed.version.split('.')[0]) < 1) {
    problems.push(`${name}@${packed.version}: below 1.0.0, so "^" ranges refuse its minor releases; start at 1.0.0`);
  }
  const targets = [
    ...exportTargets(packed.exports ?? {}),
    ...exportTargets(typeof packed.bin === 'string' ? { bin: packed.bin } : (packed.bin ?? {})),
  ];
  for (const target of targets.map(normalise)) {
    if (!has.has(target)) problems.push(`${name}: "${target}" is exported or a bin but not in the tarball (built?)`);
  }
  return problems;
}
