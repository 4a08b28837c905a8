#!/usr/bin/env -S node --max-semi-space-size=1
// The flag keeps V8's young generation at 2 × 1 MB instead of letting start-up and load grow it to 2 × 16 MB for
// good (~14 MB idle, ~25 MB after load; 1 MB rather than 2 saves another ~2 MB idle). npm's bin symlink runs this
// line through env -S, pnpm's shim copies the flag into its `exec node …`; `pnpm start` passes it itself.
// The engine thread has its own limit (EngineClient).
import { parseArgs } from 'node:util';
import { describeError } from '@zepix/plugin-core';
import type { CommandIo } from './commands/pluginsCommand.js';
import { timeRange } from './commands/timeRange.js';
import { BotError, BotErrorCode } from './errors.js';
import { createLogger } from './logger.js';
import { sqliteBindingError } from './sqliteBinding.js';

const USAGE = `Usage: zepix <command> [options]

Commands:
  start                 run the bot (webhook server, plugins)
  plugins               list discovered plugins with their installed versions and the startup report
                        (--json for JSON; --check-updates asks the registry for newer versions in range)
  test-plugin <id>      load one plugin through discovery and send it sample entry/exit/reversal alerts
  new-plugin <id>       in the Zepix monorepo: scaffold plugins/<id>, add it to the bot and build it;
                        elsewhere (or --standalone): a plugin package of its own in ./zepix-plugin-<id>
  trades                the running bot's orders and positions (--plugin, --symbol, --state open|closed)
  risk                  the running bot's risk state: caps, losses, pause
  broker check          connect with the configured broker; print account, balance, currency and instruments
  export alerts         the journal's accepted alerts as JSON lines, with each plugin's outcome (--from, --to)
  replay <file>         recorded alerts (journal .db or export .jsonl) through the installed plugins on a fresh
                        paper broker: trades, win rate, P/L, drawdown and changed decisions (--plugin, --from, --to)

Options:
  --config <file>       config file (default ./zepix.config.json; env ZEPIX_CONFIG)
  --project <dir>       project whose package.json dependencies hold the plugins (env ZEPIX_PROJECT_DIR)
  --data-dir <dir>      data folder (default ./data; env ZEPIX_DATA_DIR)
  --port <n>            start: port to listen on (default 8000; env ZEPIX_PORT)
  --symbol <s>          test-plugin: symbol of the sample alerts (default XAUUSD)
  --price <n>           test-plugin: price of the sample alerts (default 2650.5)
  --skip-install        new-plugin: write the files but do not run pnpm install/build
  --standalone          new-plugin: a package of its own on published packages, even inside the monorepo
  --out <dir>           new-plugin (standalone): the folder to create (default ./zepix-plugin-<id>)
  --name <package>      new-plugin (standalone): the package name (default @zepix/plugin-<id>)
  --url <url>           trades/risk: the running bot (default http://127.0.0.1:<port>)
  --plugin, --state     trades: filters
  --from, --to <time>   export/replay: only alerts received in this window (ISO date or time)
  --fail-on-change      replay: exit 1 when any decision differs from the recording
  --json                plugins/trades/risk/replay: print JSON
  -h, --help            this text`;

const io: CommandIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

function parse() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        config: { type: 'string' },
        project: { type: 'string' },
        'data-dir': { type: 'string' },
        port: { type: 'string' },
        symbol: { type: 'string' },
        price: { type: 'string' },
        'skip-install': { type: 'boolean' },
        standalone: { type: 'boolean' },
        'check-updates': { type: 'boolean' },
        out: { type: 'string' },
        name: { type: 'string' },
        json: { type: 'boolean' },
        url: { type: 'string' },
        plugin: { type: 'string' },
        state: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        'fail-on-change': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new BotError(BotErrorCode.Usage, describeError(error), { hint: 'run zepix --help for the options' });
  }
}

function priceOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const price = Number(value);
  if (!Number.isFinite(price) || price <= 0) {
    throw new BotError(BotErrorCode.Usage, `--price "${value}" is not a positive number`, {
      hint: 'e.g. --price 1.0845',
    });
  }
  return price;
}

async function main(): Promise<number> {
  const { values, positionals } = parse();
  const [command, arg] = positionals;
  if (values.help || !command) {
    io.out(USAGE);
    return command || values.help ? 0 : 1;
  }
  const common = {
    ...(values.config ? { configPath: values.config } : {}),
    ...(values.project ? { projectDir: values.project } : {}),
    ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
  };
  const quietLogger = () => createLogger({ level: process.env.ZEPIX_LOG_LEVEL ?? 'warn', toStderr: true });
  // Each command is imported when it runs: `zepix start` then loads neither replay's progress bars nor the broker
  // adapters and trading code that only the engine thread needs (start-up time and the main thread's memory).
  switch (command) {
    case 'start': {
      const { startCommand } = await import('./commands/startCommand.js');
      return startCommand(
        { ...common, ...(values.port ? { port: Number(values.port) } : {}), logger: createLogger() },
        io,
      );
    }
    case 'plugins': {
      const { pluginsCommand } = await import('./commands/pluginsCommand.js');
      return pluginsCommand(
        {
          ...common,
          logger: quietLogger(),
          json: values.json ?? false,
          checkUpdates: values['check-updates'] ?? false,
        },
        io,
      );
    }
    case 'test-plugin': {
      if (!arg)
        throw new BotError(BotErrorCode.Usage, 'test-plugin needs a plugin id', {
          hint: 'zepix test-plugin <id>; zepix plugins lists the ids',
        });
      const price = priceOption(values.price);
      const { testPluginCommand } = await import('./commands/testPluginCommand.js');
      return testPluginCommand(
        {
          ...common,
          logger: quietLogger(),
          id: arg,
          ...(values.symbol ? { symbol: values.symbol } : {}),
          ...(price ? { price } : {}),
        },
        io,
      );
    }
    case 'trades':
    case 'risk': {
      const api = { ...common, json: values.json ?? false, ...(values.url ? { url: values.url } : {}) };
      const { riskCommand, tradesCommand } = await import('./commands/tradesCommand.js');
      if (command === 'risk') return riskCommand(api, io);
      const filters = { plugin: values.plugin, symbol: values.symbol, state: values.state };
      const defined = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined));
      return tradesCommand({ ...api, ...defined }, io);
    }
    case 'broker': {
      const { brokerCommand } = await import('./commands/brokerCommand.js');
      return brokerCommand({ ...common, sub: arg, logger: quietLogger() }, io);
    }
    case 'export': {
      const { exportCommand } = await import('./commands/exportCommand.js');
      return exportCommand({ what: arg, ...common, range: timeRange(values) }, io);
    }
    case 'replay': {
      const { replayCommand } = await import('./commands/replayCommand.js');
      return replayCommand(
        {
          input: arg,
          ...common,
          ...(values.plugin ? { plugin: values.plugin } : {}),
          range: timeRange(values),
          json: values.json ?? false,
          failOnChange: values['fail-on-change'] ?? false,
          logger: quietLogger(),
        },
        io,
      );
    }
    case 'new-plugin': {
      const { newPluginCommand } = await import('./commands/newPluginCommand.js');
      return newPluginCommand(
        {
          id: arg,
          ...(values.project ? { projectDir: values.project } : {}),
          skipInstall: values['skip-install'] ?? false,
          standalone: values.standalone ?? false,
          ...(values.out ? { out: values.out } : {}),
          ...(values.name ? { packageName: values.name } : {}),
        },
        io,
      );
    }
    default:
      throw new BotError(BotErrorCode.Usage, `unknown command "${command}"`, {
        hint: 'run zepix --help for the commands',
      });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (thrown: unknown) => {
    const error = sqliteBindingError(thrown) ?? thrown;
    const code = error instanceof BotError ? error.code : 'ZEPIX_UNEXPECTED';
    io.err(`zepix: ${describeError(error)} [${code}]`);
    process.exitCode = error instanceof BotError && error.code === BotErrorCode.Usage ? 2 : 1;
  },
);
