import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DASHBOARD_DIR, loadDashboardAssets } from '@zepix/dashboard';
import type { DashboardAsset } from '@zepix/dashboard';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';

// The page loads only its own files and talks only to this bot; lightweight-charts sets inline styles.
const CSP = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'";

function send(request: FastifyRequest, reply: FastifyReply, asset: DashboardAsset, cache: string) {
  const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
  void reply
    .header('content-type', asset.contentType)
    .header('cache-control', cache)
    .header('content-security-policy', CSP)
    .header('x-content-type-options', 'nosniff')
    .header('vary', 'accept-encoding');
  if (gzip) void reply.header('content-encoding', 'gzip');
  return reply.send(gzip ? asset.gzipped : asset.body);
}

/** The dashboard's files by name, read and compressed on the first request that needs them. */
export type DashboardFiles = () => ReadonlyMap<string, DashboardAsset>;

/**
 * `/dashboard`: the static page and its two files, from memory, gzip-compressed for browsers that accept it. The
 * page itself needs no auth; everything it shows comes from `/api` with the token the operator logs in with.
 */
export function dashboardRoutes(app: FastifyInstance, files: DashboardFiles): void {
  const notFound = (reply: FastifyReply, file: string) =>
    reply.code(404).send({
      error: { code: 'ZEPIX_HTTP_NOT_FOUND', message: `no dashboard file "${file}"; open /dashboard` },
    });
  const index = (request: FastifyRequest, reply: FastifyReply) => {
    const page = files().get('index.html');
    return page ? send(request, reply, page, 'no-cache') : notFound(reply, 'index.html');
  };
  app.get('/dashboard', index);
  app.get('/dashboard/', index);
  app.get('/dashboard/:file', (request, reply) => {
    const { file } = request.params as { file: string };
    const asset = file === 'index.html' ? undefined : files().get(file);
    return asset ? send(request, reply, asset, 'no-cache') : notFound(reply, file);
  });
}

/**
 * The built dashboard, or undefined (and one warning) when it was not built: the bot runs without it. Its files are
 * read and gzip-compressed (level 9) on the first request rather than at start, which the webhook does not wait for.
 */
export function dashboardAssets(logger: Logger, dir: string = DASHBOARD_DIR): DashboardFiles | undefined {
  if (!existsSync(join(dir, 'index.html'))) {
    logger.warn({ dir }, 'the dashboard is not built (pnpm build); /dashboard is off');
    return undefined;
  }
  let assets: ReadonlyMap<string, DashboardAsset> | undefined;
  return () => {
    if (assets === undefined) {
      try {
        assets = loadDashboardAssets(dir);
      } catch (error) {
        logger.warn({ err: error }, 'the dashboard files could not be read; /dashboard answers 404');
        assets = new Map();
      }
    }
    return assets;
  };
}
