import type { MessagePort } from 'node:worker_threads';
import type { Logger } from 'pino';
import { BotError } from '../errors.js';
import { createLogger } from '../logger.js';
import { startIdleCollector } from '../runtime/idleCollector.js';
import { queuePending } from '../runtime/recovery.js';
import type { EngineFailure, EngineInit, EngineSnapshot, FromEngine, ToEngine } from './contract.js';
import { engineCommands, runCommand } from './engineCommands.js';
import { openEngine } from './openEngine.js';
import type { EngineParts } from './openEngine.js';
import { lowerThisThreadPriority } from './threadPriority.js';

/** An error as it crosses the thread: its stable code, the sentence and the fix. */
export function toFailure(error: unknown): EngineFailure {
  if (error instanceof BotError) {
    return {
      code: error.code,
      message: error.message.split('\nFix: ')[0] ?? error.message,
      ...(error.hint ? { hint: error.hint } : {}),
    };
  }
  const code = (error as { code?: unknown })?.code;
  return {
    code: typeof code === 'string' ? code : 'ZEPIX_ENGINE_COMMAND_FAILED',
    message: error instanceof Error ? error.message : String(error),
  };
}

function snapshotOf(parts: EngineParts): EngineSnapshot {
  const statuses = parts.bot.registry.statusAll();
  return {
    plugins: { loaded: statuses.length, enabled: statuses.filter((s) => s.enabled).length },
    dispatchQueue: parts.dispatcher.pending,
    retrying: parts.dispatcher.retrying,
    at: Date.now(),
  };
}

/**
 * The engine's message loop: alerts in journal order, operator commands, and the drain that ends it. `seen` is
 * stamped with each message's arrival (the idle collector's clock).
 */
function serve(port: MessagePort, parts: EngineParts, logger: Logger, recoveredUpTo: number, seen: { at: number }) {
  const send = (message: FromEngine) => port.postMessage(message);
  const commands = engineCommands(parts);
  let draining = false;
  return (message: ToEngine) => {
    seen.at = Date.now();
    if (message.type === 'journaled') {
      // Rows the start-up sweep already queued are not queued twice.
      if (draining || message.id <= recoveredUpTo) return;
      parts.dispatcher
        .dispatch(message.id, message.alert)
        .catch((error: unknown) => logger.error({ err: error, journalId: message.id }, 'dispatch failed'));
    } else if (message.type === 'command') {
      runCommand(commands, message.command).then(
        (value) => send({ type: 'reply', callId: message.callId, value }),
        (error: unknown) => send({ type: 'reply', callId: message.callId, error: toFailure(error) }),
      );
    } else if (!draining) {
      draining = true;
      void drain(parts, logger).then(() => send({ type: 'closed' }));
    }
  };
}

async function drain(parts: EngineParts, logger: Logger): Promise<void> {
  // Alerts waiting out a transient failure stay pending for the next start rather than hold the shutdown.
  parts.dispatcher.stopRetrying();
  await parts.dispatcher.idle();
  parts.notifier.notify('Zepix is stopping.', 'bot_stopped');
  try {
    await parts.close();
  } catch (error) {
    logger.error({ err: error }, 'closing the engine failed');
  }
}

/**
 * Runs the engine in this (worker) thread: opens plugins and databases, queues every alert the last run left
 * pending before any newer one, then serves messages until drained.
 */
export async function runEngine(port: MessagePort, init: EngineInit): Promise<void> {
  const logger = createLogger({ level: init.logLevel, pretty: false });
  // Messages that arrive while plugins load wait for the start-up sweep, so pending rows go first.
  const early: ToEngine[] = [];
  const loop: { handle?: (message: ToEngine) => void } = {};
  port.on('message', (message: ToEngine) => (loop.handle ? loop.handle(message) : early.push(message)));
  let parts: EngineParts;
  try {
    parts = await openEngine(init, logger, {
      recordOutcome: (outcome) => port.postMessage({ type: 'outcome', outcome } satisfies FromEngine),
      markDispatched: (id) => port.postMessage({ type: 'dispatched', id } satisfies FromEngine),
    });
  } catch (error) {
    port.postMessage({ type: 'failed', error: toFailure(error) } satisfies FromEngine);
    port.close();
    return;
  }
  lowerThisThreadPriority(parts.bot.config.plugin_system.engine_nice);
  const { recovered, upTo } = queuePending(parts.journal, parts.dispatcher, logger);
  const seen = { at: Date.now() };
  const handle = serve(port, parts, logger, upTo, seen);
  loop.handle = handle;
  const ready: FromEngine = {
    type: 'ready',
    plugins: parts.bot.registry.ids(),
    report: parts.bot.report,
    recovered,
    snapshot: snapshotOf(parts),
    broker: parts.trading.brokerIdentity,
  };
  port.postMessage(ready);
  for (const message of early.splice(0)) handle(message);
  const beat = setInterval(() => {
    port.postMessage({ type: 'heartbeat', snapshot: snapshotOf(parts) } satisfies FromEngine);
  }, init.heartbeatMs);
  beat.unref();
  // A load leaves its garbage in this heap too (measured: old generation 34 MB used after a max-rate load, 12 MB
  // live); quiet means no message and nothing left to dispatch. The timer is unref'd: it never holds the thread.
  startIdleCollector({ lastActivityAt: () => (parts.dispatcher.pending > 0 ? Date.now() : seen.at) });
}
