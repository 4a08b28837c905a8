/** A parsed command line: lower-case name without the slash, and whitespace-separated arguments. */
export interface CommandLine {
  readonly name: string;
  readonly args: readonly string[];
}

const COMMAND = /^\/([A-Za-z0-9_]{1,32})(?:@(\w+))?(?:\s+([\s\S]*))?$/;

/**
 * Parses `/name@bot arg1 arg2`. In a group, `/status@OtherBot` is meant for another bot and yields null, so two
 * bots in one group never both answer.
 */
export function parseCommandLine(text: string, botUsername: string): CommandLine | null {
  const match = COMMAND.exec(text.trim());
  if (!match?.[1]) return null;
  if (match[2] && match[2].toLowerCase() !== botUsername.toLowerCase()) return null;
  const args = (match[3] ?? '').split(/\s+/).filter(Boolean);
  return { name: match[1].toLowerCase(), args };
}
