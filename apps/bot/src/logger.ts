import { createRequire } from 'node:module';
import { pino } from 'pino';
import type { Logger } from 'pino';
import type PinoPretty from 'pino-pretty';

/** Paths pino censors in every log line: secrets never reach a log. */
export const REDACT_PATHS = [
  'secret',
  '*.secret',
  'token',
  '*.token',
  'apiKey',
  '*.apiKey',
  'password',
  '*.password',
  'req.headers.authorization',
  'headers.authorization',
  'req.body.secret',
  'body.secret',
];

/** Options for the bot's root logger. */
export interface LoggerOptions {
  readonly level?: string;
  /** Pretty output; defaults to true when stdout is a terminal. */
  readonly pretty?: boolean;
  /** Write to stderr (CLI commands keep stdout for their own output). */
  readonly toStderr?: boolean;
}

/** The bot's root pino logger: JSON lines with secrets redacted, pretty on a terminal. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env.ZEPIX_LOG_LEVEL ?? 'info';
  const fd = options.toStderr ? 2 : 1;
  const pretty = options.pretty ?? Boolean(fd === 1 ? process.stdout.isTTY : process.stderr.isTTY);
  const base = { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } };
  if (pretty) {
    // In this thread, not as a pino transport: a transport is one more worker thread (a V8 isolate, ~13 MB RSS).
    // Loaded only here, so JSON output (a service, the bench) does not load it at all.
    const pinoPretty = createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty;
    return pino(base, pinoPretty({ destination: fd, colorize: true, sync: true }));
  }
  return pino(base, pino.destination({ dest: fd, sync: true }));
}
