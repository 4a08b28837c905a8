import { JournalErrorCode } from '@zepix/journal';
import { BotError, BotErrorCode, EngineError } from '../errors.js';
import type { EngineFailure } from './contract.js';

/**
 * @internal A command the engine failed, as the API answers it: a journal another process holds locked is the
 * operator's to clear and the command changed nothing (503, the journal's own code); anything else is the bot's
 * (500).
 */
export function commandFailed(failure: EngineFailure): EngineError {
  if (failure.code === JournalErrorCode.Locked) {
    return new EngineError(BotErrorCode.JournalLocked, failure.message, { statusCode: 503 });
  }
  return new EngineError(BotErrorCode.EngineFailed, `${failure.message} [${failure.code}]`, { statusCode: 500 });
}

/** @internal The engine's start-up failure, with the bot's own code when it is one. */
export function startFailed(failure: EngineFailure): BotError {
  const known = Object.values(BotErrorCode).find((code) => code === failure.code);
  return new BotError(known ?? BotErrorCode.EngineFailed, failure.message, {
    ...(failure.hint ? { hint: failure.hint } : {}),
  });
}
