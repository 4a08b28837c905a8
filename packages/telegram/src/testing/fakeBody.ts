import type { IncomingMessage } from 'node:http';

const MAX_BODY_BYTES = 1024 * 1024;

/** Request parameters from the query string and a JSON or form body; `{ error }` when the body is unusable. */
export async function readParams(req: IncomingMessage, url: URL): Promise<Record<string, unknown> | { error: string }> {
  const params: Record<string, unknown> = Object.fromEntries(url.searchParams);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return { error: 'request body too large for the fake' };
    chunks.push(chunk as Buffer);
  }
  const body = Buffer.concat(chunks).toString('utf8');
  if (body === '') return params;
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json') {
    try {
      return { ...params, ...(JSON.parse(body) as Record<string, unknown>) };
    } catch {
      return { error: 'body is not valid JSON' };
    }
  }
  if (type === 'application/x-www-form-urlencoded')
    return { ...params, ...Object.fromEntries(new URLSearchParams(body)) };
  return { error: `content type ${type ?? 'none'} is not supported by the fake (files are not implemented)` };
}
