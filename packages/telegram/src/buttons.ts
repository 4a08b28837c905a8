import type { Context } from 'grammy';
import { findCommand } from './commands/registry.js';
import { MENU_COMMANDS, MENU_PREFIX } from './commands/help.js';
import { CANCEL_PREFIX, CONFIRM_PREFIX } from './commands/trading.js';
import type { Controller } from './Controller.js';
import type { Origin } from './updates.js';
import { answer, editText, originOf } from './updates.js';

/** Handles a callback query: menu buttons run their command; Confirm/Cancel settle a pending close-all. */
export async function handleButton(controller: Controller, ctx: Context): Promise<void> {
  const data = ctx.callbackQuery?.data ?? '';
  const who = originOf(ctx);
  const { logger } = controller.deps;
  if (!controller.deps.access.allows(who.userId)) {
    controller.record(who, 'button', [data], 'refused');
    logger.warn({ userId: who.userId, username: who.username, data }, 'telegram button refused');
    return answer(ctx, logger, 'You are not allowed to use this bot.');
  }
  if (data.startsWith(MENU_PREFIX)) return menuButton(controller, ctx, who, data.slice(MENU_PREFIX.length));
  if (data.startsWith(CONFIRM_PREFIX))
    return closeAllButton(controller, ctx, who, data.slice(CONFIRM_PREFIX.length), true);
  if (data.startsWith(CANCEL_PREFIX))
    return closeAllButton(controller, ctx, who, data.slice(CANCEL_PREFIX.length), false);
  controller.record(who, 'button', [data], 'unknown');
  return answer(ctx, logger, 'This button is no longer valid.');
}

async function menuButton(controller: Controller, ctx: Context, who: Origin, name: string): Promise<void> {
  const spec = MENU_COMMANDS.includes(name) ? findCommand(name) : undefined;
  const { logger } = controller.deps;
  if (!spec || who.chatId === null) {
    controller.record(who, `menu:${name}`, [], 'unknown');
    return answer(ctx, logger, 'This button is no longer valid.');
  }
  await answer(ctx, logger);
  const result = await controller.run(spec, [], who.chatId);
  controller.record(who, `menu:${name}`, [], result.outcome);
  controller.deliver(who.chatId, result);
}

async function closeAllButton(
  controller: Controller,
  ctx: Context,
  who: Origin,
  nonce: string,
  confirmed: boolean,
): Promise<void> {
  const { confirmations, logger, operator } = controller.deps;
  const args = [confirmed ? 'confirm' : 'cancel'];
  const pending = confirmations.take(nonce);
  if (!pending) {
    controller.record(who, '/closeall', args, 'expired');
    return answer(ctx, logger, 'This confirmation has expired; nothing was done.');
  }
  const messageId = ctx.callbackQuery?.message?.message_id ?? pending.messageId;
  const edit = (text: string) =>
    messageId === null ? Promise.resolve() : editText(ctx.api, logger, pending.chatId, messageId, text);
  if (!confirmed) {
    controller.record(who, '/closeall', args, 'cancelled');
    await answer(ctx, logger, 'Cancelled.');
    return edit('Close all cancelled; nothing was closed.');
  }
  await answer(ctx, logger, 'Closing all positions…');
  try {
    const result = await operator.closeAll();
    controller.record(who, '/closeall', args, 'confirmed');
    const failed = result.failed > 0 ? `; ${result.failed} could not be closed, see the bot log` : '';
    await edit(`Closed ${result.closed} position${result.closed === 1 ? '' : 's'}${failed}.`);
  } catch (error) {
    logger.error({ err: error, code: 'ZEPIX_TELEGRAM_OPERATOR_FAILED' }, 'close all failed');
    controller.record(who, '/closeall', args, 'failed');
    await edit('Could not close all positions right now; the details are in the bot log.');
  }
}
