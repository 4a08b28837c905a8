/**
 * Writes dist/THIRD_PARTY_LICENSES.md: the name, version, license and license text of every npm package the build
 * bundled into the bot's own files (Fastify and its dependencies, see tsup.config.ts), as their licenses ask of a
 * copy that is passed on. Reads the metafile esbuild wrote beside the output, then removes it (it is not published).
 */
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';

interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly license?: string;
  readonly author?: string | { readonly name?: string };
}

/** A package without a license file: its license and author as package.json gives them, the notice MIT asks for. */
function noticeWithoutFile(manifest: Manifest): string {
  const author = typeof manifest.author === 'string' ? manifest.author : manifest.author?.name;
  const by = author ? `Copyright (c) ${author}` : 'no author given';
  return `${manifest.license ?? 'no license given'} license (${by}); the package ships no license file.`;
}

/** The package folder of a bundled input: the path up to its last `node_modules/<name>` (or `@scope/name`). */
function packageRoot(input: string): string | undefined {
  const at = input.lastIndexOf('node_modules/');
  if (at < 0) return undefined;
  const rest = input.slice(at + 'node_modules/'.length).split('/');
  const name = rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  return name ? input.slice(0, at) + `node_modules/${name}` : undefined;
}

function licenseText(root: string): string | undefined {
  const file = readdirSync(root).find((name) => /^(licen[cs]e|copying)(\..*)?$/i.test(name));
  return file ? readFileSync(join(root, file), 'utf8').trim() : undefined;
}

/** `outDir` holds metafile-esm.json (tsup's `metafile: true`); `cwd` is the folder the metafile's paths start from. */
export function writeThirdPartyLicenses(outDir: string, cwd = process.cwd()): number {
  const metafile = join(outDir, 'metafile-esm.json');
  const { inputs } = JSON.parse(readFileSync(metafile, 'utf8')) as { inputs: Record<string, unknown> };
  rmSync(metafile);
  const roots = [
    ...new Set(
      Object.keys(inputs)
        .map(packageRoot)
        .filter((root): root is string => root !== undefined),
    ),
  ].map((root) => join(cwd, root));
  const sections = roots
    .map((root) => ({ root, manifest: JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest }))
    .sort((a, b) => a.manifest.name.localeCompare(b.manifest.name))
    .map(({ root, manifest }) => {
      const text = licenseText(root) ?? noticeWithoutFile(manifest);
      return `## ${manifest.name}@${manifest.version} (${manifest.license})\n\n\`\`\`text\n${text}\n\`\`\`\n`;
    });
  const heading =
    "# Third-party licenses\n\nThe bot's files in `dist/` include the following npm packages, bundled at build time.\n";
  writeFileSync(join(outDir, 'THIRD_PARTY_LICENSES.md'), [heading, ...sections].join('\n'));
  return roots.length;
}
