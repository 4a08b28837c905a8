import { isBrokerUnknown } from '@zepix/broker-api';
import { describeError } from '@zepix/plugin-core';
import { DEFAULT_SYMBOL_SPECS, SymbolBook } from '@zepix/symbols';
import type { Logger } from 'pino';
import { resolveDataDir } from '../bootstrap.js';
import type { BotConfig } from '../config/configSchema.js';
import { configOrThrow, loadConfig } from '../config/loadConfig.js';
import { BotError, BotErrorCode } from '../errors.js';
import { brokerLine } from '../runtime/banner.js';
import { createBroker } from '../runtime/brokers/createBroker.js';
import type { CommandIo } from './pluginsCommand.js';

/** Options of `zepix broker <sub>`. */
export interface BrokerCommandOptions {
  readonly sub: string | undefined;
  readonly configPath?: string;
  readonly dataDir?: string;
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly logger: Logger;
}

const stringsIn = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/**
 * The symbols the enabled plugins trade, as far as the config says: plugin `enabled_symbols`/`symbols`, routing
 * rules and the symbol overrides; the symbol table's defaults when it says nothing.
 */
export function tradedSymbols(config: BotConfig): string[] {
  const fromPlugins = Object.values(config.plugins)
    .filter((section) => section.enabled !== false)
    .flatMap((section) => [...stringsIn(section.enabled_symbols), ...stringsIn(section.symbols)]);
  const fromRules = config.routing.rules.flatMap((rule) =>
    rule.symbol === undefined ? [] : Array.isArray(rule.symbol) ? rule.symbol : [rule.symbol],
  );
  const named = [...new Set([...fromPlugins, ...fromRules, ...Object.keys(config.symbols)])];
  return named.length > 0 ? named : Object.keys(DEFAULT_SYMBOL_SPECS);
}

/**
 * `zepix broker check`: connects with the configured broker and prints account, balance, currency and which
 * traded symbols the account has. Exits 1 with the broker's one-line reason and the fix when it cannot.
 */
export async function brokerCommand(options: BrokerCommandOptions, io: CommandIo): Promise<number> {
  if (options.sub !== 'check') {
    throw new BotError(BotErrorCode.Usage, `unknown broker command "${options.sub ?? ''}"`, {
      hint: 'zepix broker check',
    });
  }
  const cwd = options.cwd ?? process.cwd();
  const { config } = configOrThrow(loadConfig({ cwd, ...(options.configPath ? { path: options.configPath } : {}) }));
  const dataDir = resolveDataDir(cwd, options.dataDir);
  const env = options.env ?? process.env;
  const symbols = new SymbolBook({ overrides: config.symbols });
  let handle;
  try {
    handle = await createBroker({ config, dataDir, symbols, env, logger: options.logger });
  } catch (error) {
    io.err(`zepix broker check: ${describeError(error)}`);
    return 1;
  }
  try {
    const summary = await handle.broker.accountSummary();
    if (!summary.ok) {
      io.err(
        `zepix broker check: ${handle.identity.kind} answered ${isBrokerUnknown(summary) ? 'unknown' : 'rejected'}: ${summary.error.message}`,
      );
      return 1;
    }
    const { balance, currency, openTrades } = summary.value;
    const traded = tradedSymbols(config);
    const available = handle.symbols === undefined ? traded : traded.filter((s) => handle.symbols?.includes(s));
    const missing = traded.filter((symbol) => !available.includes(symbol));
    io.out(brokerLine(handle.identity));
    io.out(`Balance: ${balance.toFixed(2)} ${currency}; open trades: ${openTrades}`);
    io.out(`Instruments traded: ${available.join(', ') || 'none'}`);
    if (missing.length > 0) io.out(`Not offered by this account: ${missing.join(', ')}`);
    return 0;
  } finally {
    await handle.broker.close();
  }
}
