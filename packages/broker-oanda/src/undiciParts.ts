import { createRequire } from 'node:module';
import type * as Undici from 'undici';

/**
 * undici's Pool and Client with the one request API the adapter uses, loaded from their own files. undici's front
 * door loads all of it (~110 modules: fetch, WebSocket, EventSource, caches, mock and proxy agents), 4.6 MB of
 * heap and 8.5 MB resident in the engine thread; these parts are 1.6 MB and 3 MB. The front door attaches the
 * request API to Dispatcher.prototype (`Object.assign(Dispatcher.prototype, api)`); the same assignment is made
 * here for `request`, with the same function, so loading the front door later changes nothing. undici has no
 * `exports` map; the adapter's tests against the emulator fail at once if these paths ever move.
 */
const require = createRequire(import.meta.url);

const Dispatcher = require('undici/lib/dispatcher/dispatcher.js') as { prototype: Record<string, unknown> };
Dispatcher.prototype.request ??= require('undici/lib/api/api-request.js') as unknown;

export const Pool = require('undici/lib/dispatcher/pool.js') as typeof Undici.Pool;
export type Pool = Undici.Pool;
export const Client = require('undici/lib/dispatcher/client.js') as typeof Undici.Client;
export type Client = Undici.Client;
