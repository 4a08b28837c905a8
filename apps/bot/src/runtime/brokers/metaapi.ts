import { join } from 'node:path';
import { MetaApiBroker } from '@zepix/broker-metaapi';
import type { MetatraderAccountInformation } from '@zepix/broker-metaapi';
import type { Logger } from 'pino';
import { z } from 'zod';
import { BotError, BotErrorCode } from '../../errors.js';

/** `broker.metaapi`: which MetaApi account; the token comes only from ZEPIX_METAAPI_TOKEN. */
export const MetaApiSectionSchema = z
  .object({
    account_id: z.string().min(1).optional(),
    region: z
      .string()
      .regex(/^[a-z0-9-]+$/, 'a MetaApi region such as "new-york", "london" or "singapore"')
      .default('new-york'),
  })
  .strict();

export type MetaApiSection = z.infer<typeof MetaApiSectionSchema>;

/** What the banner, /health and `zepix broker check` say about the MetaApi account in use. */
export interface MetaApiDescription {
  readonly kind: 'metaapi';
  readonly account: string;
  readonly environment: 'demo' | 'live' | 'contest';
  readonly region: string;
  readonly server: string;
  readonly currency: string;
  readonly balance: number;
}

const TOKEN_HINT =
  'set ZEPIX_METAAPI_TOKEN to the API token from https://app.metaapi.cloud/token (never in the config)';

/** The MetaApi settings from the config section and the environment, or the error naming what is missing. */
export function metaApiSettings(section: MetaApiSection | undefined, env: NodeJS.ProcessEnv) {
  const token = env.ZEPIX_METAAPI_TOKEN?.trim();
  if (!token) {
    throw new BotError(BotErrorCode.ConfigInvalid, 'broker.kind is "metaapi" but ZEPIX_METAAPI_TOKEN is not set', {
      hint: TOKEN_HINT,
    });
  }
  const accountId = env.ZEPIX_METAAPI_ACCOUNT_ID?.trim() || section?.account_id;
  if (!accountId) {
    throw new BotError(BotErrorCode.ConfigInvalid, 'broker.kind is "metaapi" but no MetaApi account id is set', {
      hint: 'set broker.metaapi.account_id in zepix.config.json or ZEPIX_METAAPI_ACCOUNT_ID',
    });
  }
  const apiUrl = env.ZEPIX_METAAPI_API_URL?.trim() || undefined;
  return { token, accountId, region: section?.region ?? 'new-york', ...(apiUrl ? { apiUrl } : {}) };
}

/** demo, live or contest, from the account information's `type`. */
export function environmentOf(info: MetatraderAccountInformation): MetaApiDescription['environment'] {
  if (info.type === 'ACCOUNT_TRADE_MODE_REAL') return 'live';
  if (info.type === 'ACCOUNT_TRADE_MODE_CONTEST') return 'contest';
  return 'demo';
}

/**
 * Opens the MetaApi adapter and checks the account before anything trades: a token or account MetaApi refuses,
 * or a live account without `confirm_live`, stops the start with the reason and the fix.
 */
export async function openMetaApiBroker(options: {
  readonly section: MetaApiSection | undefined;
  readonly confirmLive: boolean;
  readonly env: NodeJS.ProcessEnv;
  readonly dataDir: string;
  readonly logger: Logger;
}): Promise<{ broker: MetaApiBroker; description: MetaApiDescription }> {
  const settings = metaApiSettings(options.section, options.env);
  const log = options.logger.child({ component: 'broker', broker: 'metaapi' });
  const broker = MetaApiBroker.open({
    ...settings,
    dataPath: join(options.dataDir, 'zepix_metaapi.db'),
    onListenerError: (error) => log.error({ err: error }, 'broker event listener failed'),
    onPollError: (reason) => log.warn({ reason }, 'MetaApi deal/price poll failed; the next poll retries'),
  });
  const info = await broker.accountInformation();
  if (info.status !== 'ok') {
    await broker.close();
    throw new BotError(BotErrorCode.BrokerRefused, `MetaApi: ${info.reason}`, {
      hint: 'check ZEPIX_METAAPI_TOKEN, the account id and broker.metaapi.region, then run `zepix broker check`',
    });
  }
  const environment = environmentOf(info.value);
  if (environment === 'live' && !options.confirmLive) {
    await broker.close();
    throw new BotError(
      BotErrorCode.ConfigInvalid,
      `MetaApi account ${settings.accountId} (${info.value.server}) is a live account and broker.confirm_live is not true`,
      { hint: 'set "confirm_live": true in the broker section to trade real money, or use a demo account' },
    );
  }
  const { server, currency, balance } = info.value;
  return {
    broker,
    description: {
      kind: 'metaapi',
      account: settings.accountId,
      environment,
      region: settings.region,
      server,
      currency,
      balance,
    },
  };
}
