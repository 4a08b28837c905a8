import { loadDashboardAssets } from '@zepix/dashboard';
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

/**
 * `/dashboard`: the static page and its two files, from memory, gzip-compressed for browsers that accept it. The
 * page itself needs no auth; everything it shows comes from `/api` with the token the operator logs in with.
 */
export function dashboardRoutes(app: FastifyInstance, assets: ReadonlyMap<string, DashboardAsset>): void {
  const page = assets.get('index.html');
  if (!page) return;
  const index = (request: FastifyRequest, reply: FastifyReply) => send(request, reply, page, 'no-cache');
  app.get('/dashboard', index);
  app.get('/dashboard/', index);
  app.get('/dashboard/:file', (request, reply) => {
    const { file } = request.params as { file: string };
    const asset = file === 'index.html' ? undefined : assets.get(file);
    if (!asset) {
      return reply.code(404).send({
        error: { code: 'ZEPIX_HTTP_NOT_FOUND', message: `no dashboard file "${file}"; open /dashboard` },
      });
    }
    return send(request, reply, asset, 'no-cache');
  });
}

/** The built dashboard, or an empty map (and one warning) when it was not built: the bot runs without it. */
export function dashboardAssets(logger: Logger): ReadonlyMap<string, DashboardAsset> {
  try {
    return loadDashboardAssets();
  } catch (error) {
    logger.warn({ err: error }, 'the dashboard is not built (pnpm build); /dashboard is off');
    return new Map();
  }
}
