import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { err, formatIssues, ok } from '@zepix/plugin-core';
import type { CodedError, Err, Result } from '@zepix/plugin-core';
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

/** Why no config could be had: the file named is missing, or it is not valid; `hint` says what to change. */
export interface ConfigError extends CodedError {
  readonly code: typeof BotErrorCode.ConfigInvalid | typeof BotErrorCode.ConfigNotFound;
  readonly hint: string;
}

function configError(code: ConfigError['code'], message: string, hint: string): Err<ConfigError> {
  return err({ code, message, hint });
}

/** The config of a loaded result, or a BotError for the CLI to print with its hint (exit 1). */
export function configOrThrow<T>(result: Result<T, ConfigError>): T {
  if (result.ok) return result.value;
  const { code, message, hint } = result.error;
  throw new BotError(code, message, { hint });
}

/** Validates an already-read config object; every problem at once, as `path: message`. */
export function parseConfig(raw: unknown, source = CONFIG_FILE_NAME): Result<BotConfig, ConfigError> {
  const secrets = findSecretKeys(raw);
  const parsed = BotConfigSchema.safeParse(raw ?? {});
  const issues = [
    ...secrets.map(
      (p) => `${p}: secrets do not belong in the config file; set them as environment variables (ZEPIX_*)`,
    ),
    ...(parsed.success ? [] : formatIssues(parsed.error.issues)),
  ];
  if (issues.length > 0 || !parsed.success) {
    return configError(
      BotErrorCode.ConfigInvalid,
      `${source} is not valid:\n  - ${issues.join('\n  - ')}`,
      `correct the entries above in ${source}; see the README for every setting and its default`,
    );
  }
  return ok(parsed.data);
}

/** Where the config came from, and the validated config. */
export interface LoadedConfig {
  readonly path: string | undefined;
  readonly config: BotConfig;
}

/**
 * Reads `--config` (must exist) or `./zepix.config.json` (optional). With no file the bot runs on defaults.
 * A missing or invalid file is a ConfigError with every problem listed.
 */
export function loadConfig(
  options: { readonly path?: string; readonly cwd?: string } = {},
): Result<LoadedConfig, ConfigError> {
  const cwd = options.cwd ?? process.cwd();
  const explicit = options.path ?? process.env.ZEPIX_CONFIG;
  const path = resolve(cwd, explicit ?? CONFIG_FILE_NAME);
  if (!existsSync(path)) {
    if (explicit) {
      return configError(
        BotErrorCode.ConfigNotFound,
        `config file ${path} does not exist`,
        'check the --config path, or leave it out to run on defaults',
      );
    }
    return withPath(undefined, parseConfig({}));
  }
  let raw: unknown;
  try {
    raw = JSON.parse(stripJsonComments(readFileSync(path, 'utf8')));
  } catch (error) {
    return configError(
      BotErrorCode.ConfigInvalid,
      `${path} is not valid JSON: ${(error as Error).message}`,
      'fix the JSON syntax (quotes, commas, braces); // and /* */ comments are allowed',
    );
  }
  return withPath(path, parseConfig(raw, path));
}

function withPath(path: string | undefined, parsed: Result<BotConfig, ConfigError>): Result<LoadedConfig, ConfigError> {
  return parsed.ok ? ok({ path, config: parsed.value }) : parsed;
}
