import { readFileSync } from 'node:fs';
import { BOT_PACKAGE_JSON } from './discovery/hostProject.js';

/** This bot's version, from its package.json. */
export const BOT_VERSION = (JSON.parse(readFileSync(BOT_PACKAGE_JSON, 'utf8')) as { version: string }).version;
