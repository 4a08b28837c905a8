import bot from '@zepix/bot/package.json' with { type: 'json' };
import combinedV3 from '@zepix/plugin-combined-v3/package.json' with { type: 'json' };
import trendLogic from '@zepix/plugin-trend-logic/package.json' with { type: 'json' };
import v6m1 from '@zepix/plugin-v6-1m/package.json' with { type: 'json' };
import v6m5 from '@zepix/plugin-v6-5m/package.json' with { type: 'json' };
import v6m15 from '@zepix/plugin-v6-15m/package.json' with { type: 'json' };
import v6h1 from '@zepix/plugin-v6-1h/package.json' with { type: 'json' };

/** The packages a new project depends on, at the versions this create-zepix was released with (caret ranges). */
export const STARTER_DEPENDENCIES: Readonly<Record<string, string>> = {
  [bot.name]: `^${bot.version}`,
  [combinedV3.name]: `^${combinedV3.version}`,
  [trendLogic.name]: `^${trendLogic.version}`,
  [v6m1.name]: `^${v6m1.version}`,
  [v6m5.name]: `^${v6m5.version}`,
  [v6m15.name]: `^${v6m15.version}`,
  [v6h1.name]: `^${v6h1.version}`,
};

/**
 * Dependencies whose install scripts must run. pnpm 10 skips build scripts unless they are listed; without its
 * build better-sqlite3 has no native binding and the bot cannot open its databases.
 */
export const BUILT_DEPENDENCIES = ['better-sqlite3'];

function packageJson(name: string): string {
  const pkg = {
    name,
    version: '0.0.0',
    private: true,
    description: 'A Zepix bot: TradingView alerts to broker orders through logic plugins.',
    type: 'module',
    engines: bot.engines,
    scripts: { start: 'zepix start', plugins: 'zepix plugins', zepix: 'zepix' },
    dependencies: STARTER_DEPENDENCIES,
    pnpm: { onlyBuiltDependencies: BUILT_DEPENDENCIES },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

const CONFIG = `// Zepix settings (comments are allowed). Every key is optional; \`pnpm zepix plugins\` checks this file and
// reports every problem with its fix. All keys: https://github.com/zepix/zepix#configuration
{
  "server": {
    // The port the webhook listens on (env ZEPIX_PORT overrides it). TradingView only posts to ports 80 and 443:
    // put a reverse proxy (Caddy, nginx) or a tunnel (cloudflared, ngrok) in front of it.
    "port": 8000,
    // The public https:// address TradingView posts to (your proxy or tunnel); the banner prints it.
    "public_url": null
  },
  "plugins": {
    // The logic plugins are the packages in package.json's dependencies; each has a section here.
    "combined-v3": { "enabled": true },
    "trend-logic": { "enabled": true },
    // The V6 price-action plugins ("Signals & Overlays V6" pipe-text alerts), each with its own risk budget
    // ("risk": { "daily_loss_usd", "max_open", "max_trades_per_day", "max_lot" }). v6-1m refuses trades while the
    // spread is over 2 pips: the paper broker's gold spread is 20 unless broker.spread_pips says otherwise.
    "v6-1m": { "enabled": true },
    "v6-5m": { "enabled": true },
    "v6-15m": { "enabled": true },
    "v6-1h": { "enabled": true }
  }
}
`;

const GITIGNORE = `node_modules/
# The bot's databases, the generated webhook secret and API token.
data/
`;

function readme(name: string): string {
  return `# ${name}

A [Zepix](https://github.com/zepix/zepix) bot: TradingView alerts in, broker orders out, through logic plugins.

\`\`\`sh
pnpm install        # once; builds better-sqlite3 (listed in package.json's pnpm.onlyBuiltDependencies)
pnpm start          # the bot on port 8000, data in ./data; prints the webhook URL and an alert to paste
pnpm zepix plugins  # the plugins, their installed versions and the startup report
\`\`\`

Settings are in \`zepix.config.json\`. TradingView only posts to ports 80 and 443: put a reverse proxy or a
tunnel in front of the bot and set \`server.public_url\` to its https:// address.

## Plugins

A plugin is a package in \`dependencies\` with a \`zepix\` manifest; the bot loads those it finds there.

\`\`\`sh
pnpm add @zepix/plugin-my-logic          # add (then enable it under "plugins" in zepix.config.json)
pnpm update                              # take every plugin's newer minor and patch releases
pnpm add @zepix/plugin-my-logic@1.2.3    # pin one version (edit the range to "1.2.3" to keep it there)
pnpm remove @zepix/plugin-my-logic       # remove
\`\`\`

To write your own: \`pnpm zepix new-plugin my-logic\` creates a standalone plugin package next to this project.
`;
}

/** Every file of a new host project, by path relative to the project folder. */
export function projectFiles(name: string): Readonly<Record<string, string>> {
  return {
    'package.json': packageJson(name),
    'zepix.config.json': CONFIG,
    '.gitignore': GITIGNORE,
    'README.md': readme(name),
  };
}
