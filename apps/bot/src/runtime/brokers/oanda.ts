import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OandaBroker, OandaConnectError } from '@zepix/broker-oanda';
import { DEFAULT_SYMBOL_SPECS } from '@zepix/symbols';
import { BotError, BotErrorCode } from '../../errors.js';
import type { BrokerContext, BrokerHandle } from './createBroker.js';

/** Where the last OANDA transaction id handled is kept, so closes made while the bot was down are reported. */
function cursorFile(dataDir: string, accountId: string): string {
  return join(dataDir, `oanda-${accountId.replace(/[^\w.-]/g, '_')}.cursor`);
}

/**
 * Keeps the latest transaction id in `file`, written at most every 200 ms off the event loop: four transactions
 * per order must not mean four synchronous writes on the order path. A crash loses at most the last 200 ms of
 * progress, and replaying those transactions is harmless (the engine records each close once).
 */
function cursorWriter(file: string, onError: (error: unknown) => void): (id: string) => void {
  let latest: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    if (latest !== undefined) writeFile(file, `${latest}\n`).catch(onError);
  };
  return (id) => {
    latest = id;
    timer ??= setTimeout(flush, 200);
  };
}

/** The OANDA settings from config and environment; the token only ever from ZEPIX_OANDA_TOKEN. */
export function oandaSettings(context: Pick<BrokerContext, 'config' | 'env'>) {
  const { broker } = context.config;
  const token = context.env.ZEPIX_OANDA_TOKEN?.trim();
  if (!token) {
    throw new BotError(BotErrorCode.ConfigInvalid, 'OANDA: broker.kind is "oanda" but ZEPIX_OANDA_TOKEN is not set', {
      hint: 'export ZEPIX_OANDA_TOKEN=<personal access token from the OANDA hub> (it is never read from the config file)',
    });
  }
  const accountId = context.env.ZEPIX_OANDA_ACCOUNT_ID?.trim() || broker.oanda.account_id;
  if (!accountId) {
    throw new BotError(BotErrorCode.ConfigInvalid, 'OANDA: no account id', {
      hint: 'set broker.oanda.account_id in zepix.config.json or ZEPIX_OANDA_ACCOUNT_ID (e.g. 101-001-1234567-001)',
    });
  }
  const environment = broker.oanda.environment;
  if (environment === 'live' && !(broker.confirm_live || broker.oanda.confirm_live === true)) {
    throw new BotError(BotErrorCode.ConfigInvalid, `OANDA: account ${accountId} is live and confirm_live is not set`, {
      hint: 'add "confirm_live": true to the broker section to trade real money, or use "environment": "practice"',
    });
  }
  const apiUrl = context.env.ZEPIX_OANDA_API_URL?.trim() || undefined;
  const streamUrl = context.env.ZEPIX_OANDA_STREAM_URL?.trim() || undefined;
  return { token, accountId, environment, apiUrl, streamUrl };
}

/** Symbols to stream: the symbol table's and the config's; the adapter skips those the account lacks. */
function priceSymbols(context: BrokerContext): string[] {
  const { config } = context;
  return [
    ...new Set([
      ...Object.keys(DEFAULT_SYMBOL_SPECS),
      ...Object.keys(config.symbols),
      ...Object.values(config.intake.symbol_map),
    ]),
  ];
}

/** intake.symbol_map entries that name an OANDA instrument (`XAU_USD`) keep that name as the Zepix symbol. */
function instrumentNames(context: BrokerContext): Record<string, string> {
  const names = Object.values(context.config.intake.symbol_map).filter((name) => name.includes('_'));
  return Object.fromEntries(names.map((name) => [name, name]));
}

/** Connects the OANDA adapter; a refused token or account stops the start with OANDA's reason and the fix. */
export async function connectOanda(context: BrokerContext): Promise<BrokerHandle> {
  const settings = oandaSettings(context);
  const file = cursorFile(context.dataDir, settings.accountId);
  const lastTransactionId = existsSync(file) ? readFileSync(file, 'utf8').trim() || undefined : undefined;
  const log = context.logger.child({ component: 'oanda' });
  try {
    const broker = await OandaBroker.connect({
      ...settings,
      symbolMap: instrumentNames(context),
      priceSymbols: priceSymbols(context),
      ...(lastTransactionId === undefined ? {} : { lastTransactionId }),
      onTransactionCursor: cursorWriter(file, (error) => log.error({ err: error }, 'could not keep the OANDA cursor')),
      onListenerError: (error) => log.error({ err: error }, 'broker event listener failed'),
      onStreamProblem: (reason) => log.warn({ reason }, 'OANDA stream problem; reconnecting'),
    });
    return {
      broker,
      identity: { kind: 'oanda', account: settings.accountId, environment: settings.environment },
      symbols: broker.symbols,
    };
  } catch (error) {
    if (!(error instanceof OandaConnectError)) throw error;
    throw new BotError(BotErrorCode.BrokerRefused, error.message, { cause: error });
  }
}
