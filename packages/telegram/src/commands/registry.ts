import { closeAllCommand, closeCommand, positionsCommand, tradesCommand } from './trading.js';
import { pauseCommand, resumeCommand, riskCommand } from './control.js';
import { chainsCommand, trendsCommand } from './market.js';
import { dailyCommand, pnlCommand } from './reports.js';
import { disableCommand, enableCommand, pluginsCommand, statusCommand } from './status.js';
import { helpCommand, startCommand } from './help.js';
import type { CommandSpec } from './types.js';

/** Every controller command, in the order /help and Telegram's command menu show them. */
export const COMMANDS: readonly CommandSpec[] = [
  startCommand,
  helpCommand(() => COMMANDS),
  statusCommand,
  pluginsCommand,
  enableCommand,
  disableCommand,
  positionsCommand,
  tradesCommand,
  closeCommand,
  closeAllCommand,
  pauseCommand,
  resumeCommand,
  riskCommand,
  trendsCommand,
  chainsCommand,
  pnlCommand,
  dailyCommand,
];

const BY_NAME = new Map(COMMANDS.map((spec) => [spec.name, spec]));

/** The command with this name (lower case, without the slash), if any. */
export function findCommand(name: string): CommandSpec | undefined {
  return BY_NAME.get(name);
}

/** The list for `setMyCommands`. */
export function botCommands(): { command: string; description: string }[] {
  return COMMANDS.map((spec) => ({ command: spec.name, description: spec.description }));
}
