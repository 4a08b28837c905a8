import { join } from 'node:path';
import { telegramSettingsFromEnv } from '@zepix/telegram/config';
import type { OperatorPort, OutboxPort } from '@zepix/telegram';
import type { Logger } from 'pino';
import type { BotConfig } from '../config/configSchema.js';
import { OutboxRelay } from './OutboxRelay.js';

/** Where operator notifications go: Telegram when a token is set, else the log. */
export interface Notifier {
  readonly channel: 'telegram' | 'log';
  /** A system message (bot started, plugin disabled); queued, never awaited by the caller. */
  notify(text: string, kind: string): void;
  stop(): Promise<void>;
}

/**
 * Starts Telegram (controller, notifications, analytics) when the environment has a token; otherwise says so
 * once and delivers the outbox to the log, so the bot trades the same either way.
 */
export async function startNotifier(options: {
  readonly config: BotConfig;
  readonly env: NodeJS.ProcessEnv;
  readonly dataDir: string;
  readonly logger: Logger;
  readonly outbox: OutboxPort;
  readonly operator: () => OperatorPort;
}): Promise<Notifier> {
  const settings = telegramSettingsFromEnv(options.env, options.config.telegram);
  if ('disabled' in settings) {
    options.logger.info(`Telegram is off: ${settings.disabled}`);
    const relay = new OutboxRelay(options.outbox, options.logger);
    relay.start();
    return {
      channel: 'log',
      notify: (text, kind) => options.logger.info({ notification: kind }, text),
      stop: () => Promise.resolve(relay.stop()),
    };
  }
  // Loaded only when Telegram is on: grammy and its HTTP client cost start-up time and memory otherwise.
  const { TelegramRuntime } = await import('@zepix/telegram');
  const runtime = await TelegramRuntime.start({
    settings,
    operator: options.operator(),
    outbox: options.outbox,
    auditPath: join(options.dataDir, 'zepix_telegram.db'),
    logger: options.logger.child({ component: 'telegram' }),
  });
  return {
    channel: 'telegram',
    notify: (text, kind) => runtime.notify({ text, kind }),
    stop: async () => {
      // Give queued messages ("bot stopping", the last fills) a moment, but never hang shutdown on Telegram.
      await Promise.race([runtime.idle(), new Promise((resolve) => setTimeout(resolve, 3000).unref())]);
      await runtime.stop();
    },
  };
}
