import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PLUGIN_ID_PATTERN } from '@zepix/plugin-core';
import { BotError, BotErrorCode } from '../errors.js';

/** Names derived from a plugin id: `my-logic` → MyLogicPlugin, myLogicConfigSchema, [MY-LOGIC]. */
export interface PluginNames {
  readonly id: string;
  readonly packageName: string;
  readonly className: string;
  readonly pascal: string;
  readonly camel: string;
  readonly tag: string;
}

/** Derives every name the scaffold needs from a kebab-case id. */
export function pluginNames(id: string): PluginNames {
  const pascal = id
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
  return {
    id,
    packageName: `@zepix/plugin-${id}`,
    className: `${pascal}Plugin`,
    pascal,
    camel: pascal.charAt(0).toLowerCase() + pascal.slice(1),
    tag: `[${id.toUpperCase()}]`,
  };
}

const SKIP = new Set(['node_modules', 'dist', '.turbo', 'CHANGELOG.md']);

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    if (SKIP.has(entry)) return [];
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? listFiles(path).map((f) => join(entry, f)) : [entry];
  });
}

function rewrite(text: string, names: PluginNames): string {
  return text
    .replaceAll('@zepix/plugin-template', names.packageName)
    .replaceAll('TemplatePlugin', names.className)
    .replaceAll('templateConfigSchema', `${names.camel}ConfigSchema`)
    .replaceAll('TemplateConfig', `${names.pascal}Config`)
    .replaceAll('[TEMPLATE]', names.tag)
    .replaceAll('plugins\\.template\\.', `plugins\\.${names.id}\\.`)
    .replaceAll("id: 'template'", `id: '${names.id}'`)
    .replaceAll('`plugins.template`', `\`plugins.${names.id}\``)
    .replaceAll('zepix test-plugin template', `zepix test-plugin ${names.id}`);
}

function rewritePackageJson(text: string, names: PluginNames): string {
  const pkg = JSON.parse(text) as Record<string, unknown>;
  pkg.name = names.packageName;
  pkg.version = '1.0.0';
  pkg.description = `Zepix logic plugin ${names.id}.`;
  pkg.zepix = {
    kind: 'logic-plugin',
    id: names.id,
    entry: names.className,
    apiVersion: (pkg.zepix as { apiVersion: number }).apiVersion,
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

/** Checks an id for `zepix new-plugin`, with a message saying what a valid id looks like. */
export function assertNewPluginId(id: string | undefined): asserts id is string {
  if (!id || !PLUGIN_ID_PATTERN.test(id)) {
    throw new BotError(BotErrorCode.Usage, `"${id ?? ''}" is not a valid plugin id`, {
      hint: 'use kebab-case starting with a letter, e.g. zepix new-plugin my-logic',
    });
  }
  if (id === 'template') {
    throw new BotError(BotErrorCode.Usage, '"template" is the id of the template itself', {
      hint: 'choose another id',
    });
  }
}

/** Copies the template's files into `target` with every name changed; package.json is left to the caller. */
export function copyTemplate(templateDir: string, target: string, names: PluginNames): void {
  if (existsSync(target)) {
    throw new BotError(BotErrorCode.Scaffold, `${target} already exists`, {
      hint: 'choose another id or remove the folder',
    });
  }
  for (const file of listFiles(templateDir)) {
    if (file === 'package.json') continue;
    const to = join(target, file.replaceAll('TemplatePlugin', names.className));
    mkdirSync(dirname(to), { recursive: true });
    writeFileSync(to, rewrite(readFileSync(join(templateDir, file), 'utf8'), names));
  }
}

/**
 * Copies the template package into `<workspace>/plugins/<id>` with every name changed, and writes a changeset.
 * Refuses to overwrite an existing folder. Returns the new package folder.
 */
export function scaffoldPlugin(options: {
  readonly templateDir: string;
  readonly workspaceDir: string;
  readonly id: string;
}): string {
  assertNewPluginId(options.id);
  const names = pluginNames(options.id);
  const target = join(options.workspaceDir, 'plugins', options.id);
  copyTemplate(options.templateDir, target, names);
  const templatePackage = readFileSync(join(options.templateDir, 'package.json'), 'utf8');
  writeFileSync(join(target, 'package.json'), rewritePackageJson(templatePackage, names));
  writeChangeset(options.workspaceDir, names);
  return target;
}

function writeChangeset(workspaceDir: string, names: PluginNames): void {
  const dir = join(workspaceDir, '.changeset');
  if (!existsSync(dir)) return;
  // It starts at 1.0.0 (so hosts' caret ranges take its minors): the first `changeset publish` releases that.
  const body = `---\n---\n\nCreate ${names.packageName} (1.0.0), a Zepix logic plugin scaffolded from the template.\n`;
  writeFileSync(join(dir, `new-plugin-${names.id}.md`), body);
}
