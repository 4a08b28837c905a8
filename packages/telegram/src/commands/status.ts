import { duration, endSentence, sentence, table } from '../format.js';
import { bold, lines, pre } from '../html.js';
import type { CommandEnv, CommandResult, CommandSpec } from './types.js';
import { ok, say } from './types.js';

/** `/status`: version, uptime, pause state and counts. */
export const statusCommand: CommandSpec = {
  name: 'status',
  description: 'Bot status',
  failure: 'get the status',
  async run({ operator }) {
    const s = await operator.status();
    const rows = [
      ['trading', s.paused ? 'PAUSED (exits only)' : 'running'],
      ['uptime', duration(s.uptimeSeconds)],
      ['plugins', `${s.pluginsEnabled} enabled of ${s.pluginsLoaded}`],
      ['positions', `${s.openPositions} open`],
      ['alerts', `${s.alertsToday} today`],
    ];
    return ok(lines(bold(`Zepix ${s.version}`), pre(table(rows))));
  },
};

/** `/plugins`: every loaded plugin with its state and counters. */
export const pluginsCommand: CommandSpec = {
  name: 'plugins',
  description: 'Plugins and their counters',
  failure: 'list the plugins',
  async run({ operator }) {
    const plugins = await operator.plugins();
    if (plugins.length === 0) return say('ok', 'No plugins are loaded.');
    const rows = [
      ['plugin', 'version', 'state', 'done', 'failed'],
      ...plugins.map((p) => [p.id, p.version, p.enabled ? 'on' : 'OFF', String(p.processed), String(p.failed)]),
    ];
    return ok(lines(bold(`Plugins (${plugins.length})`), pre(table(rows))));
  },
};

function toggleCommand(enabled: boolean): CommandSpec {
  const verb = enabled ? 'enable' : 'disable';
  return {
    name: verb,
    description: `${enabled ? 'Enable' : 'Disable'} a plugin: /${verb} <id>`,
    failure: `${verb} the plugin`,
    run: (env) => toggle(env, enabled, verb),
  };
}

async function toggle(env: CommandEnv, enabled: boolean, verb: string): Promise<CommandResult> {
  const id = env.args[0];
  if (!id)
    return say('usage', `/${verb} needs a plugin id, for example /${verb} combined-v3; send /plugins for the list.`);
  const plugin = (await env.operator.plugins()).find((p) => p.id === id);
  if (!plugin) return say('usage', `There is no plugin "${sentence(id, 40)}"; send /plugins for the list.`);
  if (plugin.enabled === enabled) return say('ok', `Plugin ${id} is already ${verb}d.`);
  const result = await env.operator.setPluginEnabled(id, enabled);
  if (!result.ok) return say('failed', endSentence(`Could not ${verb} ${id}: ${sentence(result.error.message)}`));
  return say('ok', `Plugin ${id} ${verb}d.`);
}

/** `/enable <id>`. */
export const enableCommand = toggleCommand(true);

/** `/disable <id>`. */
export const disableCommand = toggleCommand(false);
