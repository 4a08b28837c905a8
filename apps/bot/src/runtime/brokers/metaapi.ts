import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { MetaApiBroker } from '@zepix/broker-metaapi';
import type { MetatraderAccountInformation } from '@zepix/broker-metaapi';
import type { BrokerConfig } from '../../config/configSchema.js';
import { BotError, BotErrorCode } from '../../errors.js';
import type { BrokerContext, BrokerHandle } from './createBroker.js';

const TOKEN_HINT =
  'export ZEPIX_METAAPI_TOKEN=<API token from https://app.metaapi.cloud/token> (it is never read from the config file)';

/** The MetaApi settings from `broker.metaapi` and the environment; the token only ever from ZEPIX_METAAPI_TOKEN. */
export function metaApiSettings(broker: BrokerConfig, env: NodeJS.ProcessEnv) {
  const token = env.ZEPIX_METAAPI_TOKEN?.trim();
  if (!token) {
    throw new BotError(
      BotErrorCode.ConfigInvalid,
      'MetaApi: broker.kind is "metaapi" but ZEPIX_METAAPI_TOKEN is not set',
      {
        hint: TOKEN_HINT,
      },
    );
  }
  const accountId = env.ZEPIX_METAAPI_ACCOUNT_ID?.trim() || broker.metaapi.account_id;
  if (!accountId) {
    throw new BotError(BotErrorCode.ConfigInvalid, 'MetaApi: no account id', {
      hint: 'set broker.metaapi.account_id in zepix.config.json or ZEPIX_METAAPI_ACCOUNT_ID (the id MetaApi shows for the account)',
    });
  }
  const apiUrl = env.ZEPIX_METAAPI_API_URL?.trim() || undefined;
  return { token, accountId, region: broker.metaapi.region, ...(apiUrl ? { apiUrl } : {}) };
}

/** demo, live or contest, from the account information's `type`. */
export function environmentOf(info: MetatraderAccountInformation): 'demo' | 'live' | 'contest' {
  if (info.type === 'ACCOUNT_TRADE_MODE_REAL') return 'live';
  if (info.type === 'ACCOUNT_TRADE_MODE_CONTEST') return 'contest';
  return 'demo';
}

/**
 * Opens the MetaApi adapter and checks the account before anything trades: a token or account MetaApi refuses,
 * or a live account (as MetaApi reports it) without `confirm_live`, stops the start with the reason and the fix.
 */
export async function connectMetaApi(context: BrokerContext): Promise<BrokerHandle> {
  const { broker: section } = context.config;
  const settings = metaApiSettings(section, context.env);
  const log = context.logger.child({ component: 'metaapi' });
  // `zepix broker check` may run before the bot ever created its data folder.
  mkdirSync(context.dataDir, { recursive: true });
  const broker = MetaApiBroker.open({
    ...settings,
    dataPath: join(context.dataDir, 'zepix_metaapi.db'),
    onListenerError: (error) => log.error({ err: error }, 'broker event listener failed'),
    onPollError: (reason) => log.warn({ reason }, 'MetaApi deal or price poll failed; the next poll retries'),
  });
  const info = await broker.accountInformation();
  if (!info.ok) {
    await broker.close();
    throw new BotError(BotErrorCode.BrokerRefused, `MetaApi: ${info.error.message}`, {
      hint: 'check ZEPIX_METAAPI_TOKEN, the account id and broker.metaapi.region, then run `zepix broker check`',
    });
  }
  const environment = environmentOf(info.value);
  if (environment === 'live' && !section.confirm_live) {
    await broker.close();
    throw new BotError(
      BotErrorCode.ConfigInvalid,
      `MetaApi: account ${settings.accountId} (${info.value.server}) is live and confirm_live is not set`,
      { hint: 'add "confirm_live": true to the broker section to trade real money, or use a demo account' },
    );
  }
  const symbols = await broker.symbols();
  return {
    broker,
    identity: { kind: 'metaapi', account: settings.accountId, environment },
    ...(symbols.ok ? { symbols: symbols.value } : {}),
  };
}
