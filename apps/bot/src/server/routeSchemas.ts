/**
 * JSON schemas for the query strings and path parameters of the API routes. Fastify checks them before a handler
 * runs, so a repeated key (`?symbol=a&symbol=b` arrives as an array) or a wrong type answers 400, never 500.
 * Bodies stay with zod in the handlers (every body is read as text).
 */

const text = { type: 'string', minLength: 1, maxLength: 200 } as const;
const positiveInteger = { type: 'integer', minimum: 1 } as const;

const object = (properties: Record<string, unknown>, required: readonly string[] = []) =>
  ({ type: 'object', properties, required, additionalProperties: false }) as const;

/** No query parameters at all. */
export const noQuery = { querystring: object({}) } as const;

/** `:id` of a plugin. */
export const pluginParams = { params: object({ id: text }, ['id']) } as const;

/** `/alerts?status=&limit=&before=`. */
export const alertListQuery = {
  querystring: object({
    status: { type: 'string', enum: ['accepted', 'rejected', 'unauthorized', 'aborted'] },
    limit: { type: 'integer', minimum: 1, maximum: 500 },
    before: positiveInteger,
  }),
} as const;

/** `/alerts/:id`. */
export const alertParams = { params: object({ id: positiveInteger }, ['id']) } as const;

/** `?symbol=` (trends, chains). */
export const symbolQuery = { querystring: object({ symbol: text }) } as const;

/** `/analytics?plugin=`. */
export const pluginQuery = { querystring: object({ plugin: text }) } as const;

/** `/trades?plugin=&symbol=&state=`. */
export const tradesQuery = {
  querystring: object({ plugin: text, symbol: text, state: { type: 'string', enum: ['open', 'closed'] } }),
} as const;

/** `/trades/:id/close`. */
export const tradeParams = { params: object({ id: text }, ['id']) } as const;

/** What to tell a caller whose query or path did not match the route's schema. */
export const SCHEMA_HINT = 'send each query parameter once, with a value of the documented type';
