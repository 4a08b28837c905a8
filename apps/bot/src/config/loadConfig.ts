import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatIssues } from '@zepix/plugin-core';
import { BotError, BotErrorCode } from '../errors.js';
import { BotConfigSchema } from './configSchema.js';
import type { BotConfig } from './configSchema.js';
import { stripJsonComments } from './stripJsonComments.js';

/** The default config file name, looked for in the working directory. */
export const CONFIG_FILE_NAME = 'zepix.config.json';

const SECRET_KEY = /(secret|token|password|api_?key)$/i;
/**
 * Token-named keys the config may hold: `server.metrics_token` only lets a scraper read `/metrics` (counters and
 * latencies, no secret and no trading action), and a scrape config usually lives in files beside the bot's.
 */
const ALLOWED_TOKEN_KEYS = new Set(['server.metrics_token']);

/** Keys that look like secrets, with their paths: these belong in environment variables. */
function findSecretKeys(value: unknown, path: string[] = []): string[] {
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => {
    const at = [...path, key].join('.');
    const secret = SECRET_KEY.test(key) && !ALLOWED_TOKEN_KEYS.has(at);
    return [...(secret ? [at] : []), ...findSecretKeys(child, [...path, key])];
  });
}

/** Validates an already-read config object; every problem at once, as `path: message`. */
export function parseConfig(raw: unknown, source = CONFIG_FILE_NAME): BotConfig {
  const secrets = findSecretKeys(raw);
  const parsed = BotConfigSchema.safeParse(raw ?? {});
  const issues = [
    ...secrets.map(
      (p) => `${p}: secrets do not belong in the config file; set them as environment variables (ZEPIX_*)`,
    ),
    ...(parsed.success ? [] : formatIssues(parsed.error.issues)),
  ];
  if (issues.length > 0 || !parsed.success) {
    throw new BotError(BotErrorCode.ConfigInvalid, `${source} is not valid:\n  - ${issues.join('\n  - ')}`, {
      hint: `correct the entries above in ${source}; see the README for every setting and its default`,
    });
  }
  return parsed.data;
}

/** Where the config came from, and the validated config. */
export interface LoadedConfig {
  readonly path: string | undefined;
  readonly config: BotConfig;
}

/**
 * Reads `--config` (must exist) or `./zepix.config.json` (optional). With no file the bot runs on defaults.
 * Throws BotError with every problem listed.
 */
export function loadConfig(options: { readonly path?: string; readonly cwd?: string } = {}): LoadedConfig {
  const cwd = options.cwd ?? process.cwd();
  const explicit = options.path ?? process.env.ZEPIX_CONFIG;
  const path = resolve(cwd, explicit ?? CONFIG_FILE_NAME);
  if (!existsSync(path)) {
    if (explicit) {
      throw new BotError(BotErrorCode.ConfigNotFound, `config file ${path} does not exist`, {
        hint: 'check the --config path, or leave it out to run on defaults',
      });
    }
    return { path: undefined, config: parseConfig({}) };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(stripJsonComments(readFileSync(path, 'utf8')));
  } catch (error) {
    throw new BotError(BotErrorCode.ConfigInvalid, `${path} is not valid JSON: ${(error as Error).message}`, {
      hint: 'fix the JSON syntax (quotes, commas, braces); // and /* */ comments are allowed',
    });
  }
  return { path, config: parseConfig(raw, path) };
}
