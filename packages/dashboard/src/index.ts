import { readFileSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** One file of the dashboard, ready to send: its media type, its bytes and its gzip-compressed bytes. */
export interface DashboardAsset {
  readonly contentType: string;
  readonly body: Buffer;
  readonly gzipped: Buffer;
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** The folder the build writes the dashboard to (`dist/www`, beside this module once built). */
export const DASHBOARD_DIR = fileURLToPath(new URL('./www/', import.meta.url));

/**
 * Every dashboard file by name (`index.html`, `app.js`, `app.css`), read and compressed once: the bot serves them
 * from memory. Throws when the dashboard was not built.
 */
export function loadDashboardAssets(dir: string = DASHBOARD_DIR): ReadonlyMap<string, DashboardAsset> {
  const assets = new Map<string, DashboardAsset>();
  for (const name of readdirSync(dir)) {
    const contentType = TYPES[extname(name)];
    if (!contentType) continue;
    const body = readFileSync(join(dir, name));
    assets.set(name, { contentType, body, gzipped: gzipSync(body, { level: 9 }) });
  }
  return assets;
}
