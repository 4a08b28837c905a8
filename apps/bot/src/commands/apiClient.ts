import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveDataDir } from '../bootstrap.js';
import { configOrThrow, loadConfig } from '../config/loadConfig.js';
import { BotError, BotErrorCode } from '../errors.js';

/** Where the running bot is and how to authenticate to it. */
export interface ApiTarget {
  readonly url: string;
  readonly token: string;
}

/**
 * Finds the running bot the way an operator would: --url or http://127.0.0.1:<port from ZEPIX_PORT or config>,
 * with the token from ZEPIX_API_TOKEN or the data folder.
 */
export function apiTarget(options: {
  readonly cwd?: string;
  readonly url?: string;
  readonly configPath?: string;
  readonly dataDir?: string;
}): ApiTarget {
  const cwd = options.cwd ?? process.cwd();
  const { config } = configOrThrow(loadConfig({ cwd, ...(options.configPath ? { path: options.configPath } : {}) }));
  const port = process.env.ZEPIX_PORT ?? String(config.server.port);
  const url = options.url ?? `http://127.0.0.1:${port}`;
  const tokenFile = join(resolveDataDir(cwd, options.dataDir), 'api-token');
  const token =
    process.env.ZEPIX_API_TOKEN ?? (existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8').trim() : undefined);
  if (!token) {
    throw new BotError(BotErrorCode.Usage, `no API token: ZEPIX_API_TOKEN is not set and ${tokenFile} does not exist`, {
      hint: 'run the command where the bot keeps its data (or pass --data-dir), or set ZEPIX_API_TOKEN',
    });
  }
  return { url, token };
}

/** GETs a path of the running bot's API; a clear error when the bot is not running or refuses. */
export async function apiGet(target: ApiTarget, path: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`${target.url}/api${path}`, { headers: { authorization: `Bearer ${target.token}` } });
  } catch (error) {
    throw new BotError(
      BotErrorCode.Unreachable,
      `the bot is not answering at ${target.url} (${(error as Error).message})`,
      {
        hint: 'start it with zepix start, or pass --url if it listens elsewhere',
      },
    );
  }
  const body = (await response.json()) as { error?: { message?: string } };
  if (!response.ok) {
    throw new BotError(
      BotErrorCode.Usage,
      `the bot answered ${response.status}: ${body.error?.message ?? 'no reason given'}`,
    );
  }
  return body;
}
