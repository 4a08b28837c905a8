import { err, ok } from '@zepix/result';
import type { Result } from '@zepix/result';
import { z } from 'zod';
import { PluginErrorCode } from './errors.js';
import { formatIssues } from './formatIssues.js';
import type { ValidationFailure } from './results.js';

/** Plugin ids: kebab-case, starting with a letter. They key config sections, logs and database files. */
export const PLUGIN_ID_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** The `zepix` field of a plugin's package.json. */
export const ZepixManifestSchema = z
  .object({
    kind: z.literal('logic-plugin').default('logic-plugin'),
    id: z
      .string()
      .regex(
        PLUGIN_ID_PATTERN,
        'must be kebab-case (lower-case letters, digits and single dashes, starting with a letter)',
      ),
    entry: z.string().regex(/^[A-Za-z_$][\w$]*$/, 'must be the name of an exported class, e.g. "MyLogicPlugin"'),
    apiVersion: z.number().int('must be a whole number').positive('must be 1 or more'),
  })
  .strict();

/** A validated `zepix` manifest. */
export type ZepixManifest = z.infer<typeof ZepixManifestSchema>;

/** The parts of a package.json the host reads. */
export interface PluginPackageJson {
  readonly name?: unknown;
  readonly version?: unknown;
  readonly description?: unknown;
  readonly author?: unknown;
  readonly zepix?: unknown;
  readonly exports?: unknown;
  readonly peerDependencies?: unknown;
  readonly dependencies?: unknown;
}

/** Result of reading a manifest: the manifest, or `ZEPIX_PLUGIN_MANIFEST_INVALID` with every problem found. */
export type ManifestResult = Result<ZepixManifest, ValidationFailure>;

/** True when a package.json declares itself a Zepix plugin (has a `zepix` field), valid or not. */
export function hasZepixManifest(pkg: PluginPackageJson): boolean {
  return pkg.zepix !== undefined;
}

/** Validates the `zepix` field of a package.json and reports every issue as `zepix.<path>: message`. */
export function parseManifest(pkg: PluginPackageJson): ManifestResult {
  const parsed = ZepixManifestSchema.safeParse(pkg.zepix);
  if (parsed.success) return ok(parsed.data);
  const issues = formatIssues(parsed.error.issues, 'zepix');
  return err({ code: PluginErrorCode.Manifest, message: issues.join('; '), issues });
}

/** Author as a display string: package.json allows a string or `{ name, email }`. */
export function authorName(author: unknown): string | undefined {
  if (typeof author === 'string') return author;
  if (author && typeof author === 'object' && 'name' in author && typeof author.name === 'string') {
    return author.name;
  }
  return undefined;
}
