// Lints a packed tarball as a consumer would see it: publint (package.json fields against the files shipped) and
// arethetypeswrong (types resolve for ESM importers). Both run offline on the tarball release-check.mjs packed.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

/** Every publint warning or error for the tarball, as `name: message` lines. */
export async function publintProblems(name, tarball) {
  const bytes = readFileSync(tarball);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const { messages, pkg } = await publint({ pack: { tarball: buffer }, level: 'warning' });
  return messages.map((m) => `${name}: publint ${m.type} ${m.code}: ${formatMessage(m, pkg, { color: false })}`);
}

/**
 * The attw verdict for the tarball. The packages are ESM only (`"type": "module"`, Node ≥ 20.19), so the
 * esm-only profile is used; @types lookups are off because they would need the registry.
 */
export function attwProblems(name, tarball, root) {
  const attw = join(root, 'node_modules', '.bin', 'attw');
  try {
    execFileSync(attw, [tarball, '--profile', 'esm-only', '--no-definitely-typed', '--format', 'ascii', '--no-color'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return [];
  } catch (error) {
    const output = `${error.stdout ?? ''}${error.stderr ?? ''}`.trim();
    return [`${name}: attw found type resolution problems:\n${output}`];
  }
}
