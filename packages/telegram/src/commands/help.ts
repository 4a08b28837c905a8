import { InlineKeyboard } from 'grammy';
import { bold, lines, pre } from '../html.js';
import { table } from '../format.js';
import type { CommandSpec } from './types.js';
import { ok } from './types.js';

/** Callback data prefix of the menu buttons: `m:<command>` runs that command. */
export const MENU_PREFIX = 'm:';

/** Commands reachable from the menu; each runs exactly as if typed. */
export const MENU_COMMANDS: readonly string[] = ['status', 'positions', 'risk', 'pnl', 'pause', 'resume'];

/** The quick-action menu shown by /start and /help. */
export function menuKeyboard(): InlineKeyboard {
  return new InlineKeyboard()
    .text('Status', `${MENU_PREFIX}status`)
    .text('Positions', `${MENU_PREFIX}positions`)
    .row()
    .text('Risk', `${MENU_PREFIX}risk`)
    .text('P&L', `${MENU_PREFIX}pnl`)
    .row()
    .text('Pause', `${MENU_PREFIX}pause`)
    .text('Resume', `${MENU_PREFIX}resume`);
}

/** `/start`: a greeting and the menu. */
export const startCommand: CommandSpec = {
  name: 'start',
  description: 'Menu with quick actions',
  failure: 'show the menu',
  run() {
    return Promise.resolve(
      ok(lines(bold('Zepix controller'), 'Tap a button, or send /help for every command.'), menuKeyboard()),
    );
  },
};

/** `/help`: every command with its description, and the menu. */
export function helpCommand(all: () => readonly CommandSpec[]): CommandSpec {
  return {
    name: 'help',
    description: 'Every command',
    failure: 'show the help',
    run() {
      const rows = all().map((spec) => [`/${spec.name}`, spec.description]);
      return Promise.resolve(ok(lines(bold('Commands'), pre(table(rows))), menuKeyboard()));
    },
  };
}
