import type { AlertRow, Journal } from '@zepix/journal';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { EngineCalls } from '../engine/EngineClient.js';
import { invalid } from './requestBody.js';

/** Rows scanned per search at most: a search over the recent past, not the whole history. */
const SCAN_LIMIT = 2_000;
const PAGE = 500;

const searchQuery = z
  .object({
    q: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

/** Every text an operator may search an alert row by. */
function haystack(
  row: AlertRow & { outcomes: readonly { plugin: string; status: string; message: string; errorCode?: string }[] },
) {
  const outcomes = row.outcomes.map((o) => `${o.plugin} ${o.status} ${o.errorCode ?? ''} ${o.message}`);
  return [row.id, row.status, row.family, row.kind, row.symbol, row.errorCode, row.reason, row.raw, ...outcomes]
    .join(' ')
    .toLowerCase();
}

/** The newest alert rows with their outcomes whose text contains every word of `q`. */
export function searchAlerts(journal: Journal, q: string, limit: number) {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  const found = [];
  let before: number | undefined;
  for (let scanned = 0; scanned < SCAN_LIMIT && found.length < limit; scanned += PAGE) {
    const page = journal.list({ limit: PAGE, ...(before ? { beforeId: before } : {}) });
    for (const row of page) {
      const full = journal.get(row.id);
      if (!full || !words.every((w) => haystack(full).includes(w))) continue;
      const { price } = (full.alert ?? {}) as { price?: number };
      found.push({ ...full, raw: undefined, price: price ?? null });
      if (found.length === limit) break;
    }
    if (page.length < PAGE) break;
    before = page.at(-1)!.id;
  }
  return found;
}

/**
 * Reads the dashboard needs beyond the plain API: open positions with live P/L and shadow results (engine commands),
 * and alerts searched in the intake's journal.
 */
export function dashboardApiRoutes(
  app: FastifyInstance,
  deps: { readonly journal: Journal; readonly engine: EngineCalls },
): void {
  app.get('/positions', async () => ({ positions: await deps.engine.positions() }));
  app.get('/shadow', () => deps.engine.shadow());
  app.get('/alerts/search', (request, reply) => {
    const query = searchQuery.safeParse(request.query);
    if (!query.success) return invalid(reply, query.error);
    return { alerts: searchAlerts(deps.journal, query.data.q ?? '', query.data.limit) };
  });
}
