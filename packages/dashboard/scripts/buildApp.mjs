// Bundles the browser app (src/app) into dist/www: index.html, app.js (minified, lightweight-charts included), app.css.
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}dist/www`;
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [`${root}src/app/main.ts`],
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2020'],
  outfile: `${out}/app.js`,
  legalComments: 'none',
  logLevel: 'warning',
});
copyFileSync(`${root}src/app/index.html`, `${out}/index.html`);
copyFileSync(`${root}src/app/app.css`, `${out}/app.css`);
