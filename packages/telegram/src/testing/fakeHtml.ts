const TAGS = new Set([
  'b',
  'strong',
  'i',
  'em',
  'u',
  'ins',
  's',
  'strike',
  'del',
  'code',
  'pre',
  'a',
  'span',
  'blockquote',
  'tg-spoiler',
]);
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

/** The text Telegram shows for an HTML message, or why Telegram would refuse it ("can't parse entities"). */
export type RenderedHtml =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly description: string };

function refuse(detail: string, offset: number): RenderedHtml {
  return { ok: false, description: `Bad Request: can't parse entities: ${detail} at byte offset ${offset}` };
}

/** Strict like Telegram: unknown tags, unbalanced tags and a bare `&` or `<` are errors, which catches missing escapes. */
export function renderHtml(input: string): RenderedHtml {
  let text = '';
  const open: string[] = [];
  let i = 0;
  while (i < input.length) {
    const rest = input.slice(i);
    if (rest.startsWith('<')) {
      const tag = /^<(\/?)([a-zA-Z-]+)(\s[^<>]*)?>/.exec(rest);
      if (!tag?.[2]) return refuse('Unsupported start tag', i);
      const name = tag[2].toLowerCase();
      if (!TAGS.has(name)) return refuse(`Unsupported start tag "${name}"`, i);
      if (tag[1] === '/') {
        if (open.pop() !== name) return refuse(`Unmatched end tag "${name}"`, i);
      } else open.push(name);
      i += tag[0].length;
      continue;
    }
    if (rest.startsWith('&')) {
      const entity = /^&(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);/.exec(rest);
      if (!entity?.[1]) return refuse('Character "&" must be escaped as &amp;', i);
      const name = entity[1];
      text +=
        NAMED[name] ??
        String.fromCodePoint(name.startsWith('#x') ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
      i += entity[0].length;
      continue;
    }
    if (rest.startsWith('>')) return refuse('Character ">" must be escaped as &gt;', i);
    text += input[i];
    i += 1;
  }
  const unclosed = open.pop();
  return unclosed
    ? refuse(`Can't find end tag corresponding to start tag "${unclosed}"`, input.length)
    : { ok: true, text };
}
