import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BotError, BotErrorCode } from '../errors.js';

/** The two shared secrets and where each came from. */
export interface Secrets {
  readonly webhookSecret: string;
  readonly apiToken: string;
  /** ZEPIX_METRICS_TOKEN, when set: a read-only token for a Prometheus scraper. */
  readonly metricsToken: string | null;
  /** Names of the secrets generated on this start (first run): the banner prints those. */
  readonly generated: readonly ('webhookSecret' | 'apiToken')[];
}

const MIN_LENGTH = 12;

const SECRET_VARIABLES = ['ZEPIX_WEBHOOK_SECRET', 'ZEPIX_API_TOKEN'] as const;

/** Refuses secrets set in the environment that are too short; reads no file and creates nothing. */
export function checkSecretEnv(env: NodeJS.ProcessEnv = process.env): void {
  for (const name of SECRET_VARIABLES) {
    const value = env[name];
    if (value !== undefined && value.trim().length < MIN_LENGTH) {
      throw new BotError(BotErrorCode.ConfigInvalid, `${name} is shorter than ${MIN_LENGTH} characters`, {
        hint: `use a long random value, e.g. ${name}=$(openssl rand -hex 24), or unset it to have one generated`,
      });
    }
  }
}

function fromEnvOrFile(options: { readonly env: string | undefined; readonly file: string }): {
  value: string;
  generated: boolean;
} {
  if (options.env !== undefined) return { value: options.env.trim(), generated: false };
  if (existsSync(options.file)) return { value: readFileSync(options.file, 'utf8').trim(), generated: false };
  const value = randomBytes(24).toString('base64url');
  writeFileSync(options.file, `${value}\n`, { mode: 0o600 });
  return { value, generated: true };
}

/**
 * Reads ZEPIX_WEBHOOK_SECRET and ZEPIX_API_TOKEN, or the values stored in the data folder, generating and storing
 * them (mode 600) on first run. Secrets never come from the config file.
 */
export function loadSecrets(dataDir: string, env: NodeJS.ProcessEnv = process.env): Secrets {
  checkSecretEnv(env);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const webhook = fromEnvOrFile({ env: env.ZEPIX_WEBHOOK_SECRET, file: join(dataDir, 'webhook-secret') });
  const api = fromEnvOrFile({ env: env.ZEPIX_API_TOKEN, file: join(dataDir, 'api-token') });
  return {
    webhookSecret: webhook.value,
    apiToken: api.value,
    metricsToken: metricsTokenFrom(env.ZEPIX_METRICS_TOKEN),
    generated: [
      ...(webhook.generated ? (['webhookSecret'] as const) : []),
      ...(api.generated ? (['apiToken'] as const) : []),
    ],
  };
}

function metricsTokenFrom(value: string | undefined): string | null {
  if (value === undefined || value.trim() === '') return null;
  if (value.trim().length < MIN_LENGTH) {
    throw new BotError(BotErrorCode.ConfigInvalid, `ZEPIX_METRICS_TOKEN is shorter than ${MIN_LENGTH} characters`, {
      hint: 'use a long random value, e.g. ZEPIX_METRICS_TOKEN=$(openssl rand -hex 24), or unset it',
    });
  }
  return value.trim();
}
