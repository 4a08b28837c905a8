import { BODY_FIELD, type ParseIssue, truncate } from './issues.js';

const PLACEHOLDER = /\{\{[^{}]{0,80}\}\}/g;

/** Pine expressions that produce what each common placeholder would have given. */
const PINE_FOR: ReadonlyMap<string, string> = new Map([
  ['ticker', 'syminfo.ticker'],
  ['exchange', 'syminfo.prefix'],
  ['interval', 'timeframe.period'],
  ['close', 'str.tostring(close)'],
  ['open', 'str.tostring(open)'],
  ['high', 'str.tostring(high)'],
  ['low', 'str.tostring(low)'],
  ['volume', 'str.tostring(volume)'],
  ['time', 'str.tostring(time)'],
  ['timenow', 'str.tostring(timenow)'],
]);

/** Walk limits for decoded values: JSON bodies are shallow, and a hostile value must not stall the parser. */
const MAX_DEPTH = 12;
const MAX_NODES = 10_000;

function pineFor(placeholder: string): string {
  const name = placeholder.slice(2, -2).trim().toLowerCase();
  return PINE_FOR.get(name) ?? 'str.tostring() of the matching Pine value';
}

/** Explains why the placeholders arrived unfilled and what to write in Pine instead. */
function explain(placeholders: readonly string[]): string {
  const names = placeholders.map((p) => truncate(p)).join(' and ');
  const fixes = placeholders.map((p) => `${pineFor(p)} for ${truncate(p)}`).join(', ');
  const verb = placeholders.length === 1 ? 'was' : 'were';
  return (
    `${names} ${verb} never filled in: TradingView expands placeholders only in the alert dialog's Message box, ` +
    `not inside a Pine alert() message string; build the message in Pine instead (${fixes})`
  );
}

/** The JSON key a placeholder at `index` belongs to, when the text around it reads like `"key":"...{{x}}`. */
function keyBefore(text: string, index: number): string | undefined {
  const before = text.slice(Math.max(0, index - 200), index);
  return /"([^"\\]{1,64})"\s*:\s*"?[^"]*$/.exec(before)?.[1];
}

function toIssues(found: ReadonlyMap<string, string[]>): ParseIssue[] {
  return [...found].map(([field, placeholders]) => ({ field, message: explain([...new Set(placeholders)]) }));
}

function add(found: Map<string, string[]>, field: string, placeholder: string): void {
  const list = found.get(field);
  if (list) list.push(placeholder);
  else found.set(field, [placeholder]);
}

/** Issues for every unfilled `{{placeholder}}` in raw body text, grouped by the JSON key when one is recognisable. */
export function placeholderIssuesInText(text: string): ParseIssue[] {
  const found = new Map<string, string[]>();
  const looksLikeJson = /^[[{]/.test(text);
  for (const match of text.matchAll(PLACEHOLDER)) {
    const field = (looksLikeJson ? keyBefore(text, match.index) : undefined) ?? BODY_FIELD;
    add(found, field, match[0]);
  }
  return toIssues(found);
}

/** Issues for every unfilled `{{placeholder}}` in the string fields of an already decoded body. */
export function placeholderIssuesInValue(value: unknown): ParseIssue[] {
  const found = new Map<string, string[]>();
  let budget = MAX_NODES;
  const visit = (node: unknown, path: string, depth: number): void => {
    if (--budget < 0 || depth > MAX_DEPTH) return;
    if (typeof node === 'string') {
      for (const match of node.matchAll(PLACEHOLDER)) add(found, truncate(path, 64) || BODY_FIELD, match[0]);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const isList = Array.isArray(node);
    for (const [key, item] of Object.entries(node)) {
      if (budget < 0) return;
      visit(item, isList ? `${path}[${key}]` : path ? `${path}.${key}` : key, depth + 1);
    }
  };
  visit(value, '', 0);
  return toIssues(found);
}
