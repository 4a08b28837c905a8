/** Text already safe to send with `parse_mode: 'HTML'`. */
export class Html {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

/** Escapes the three characters Telegram's HTML mode treats specially (plus quotes, for attributes). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Tagged template: literal parts are trusted markup, every interpolation is escaped unless it is already `Html`. */
export function html(strings: TemplateStringsArray, ...values: readonly unknown[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += value instanceof Html ? value.value : escapeHtml(String(value));
    out += strings[index + 1] ?? '';
  });
  return new Html(out);
}

/** A bold heading line. */
export function bold(text: string): Html {
  return new Html(`<b>${escapeHtml(text)}</b>`);
}

/** A monospace block, so columns line up on a phone. */
export function pre(lines: readonly string[]): Html {
  return new Html(`<pre>${escapeHtml(lines.join('\n'))}</pre>`);
}

/** Joins pieces with newlines; plain strings are escaped. */
export function lines(...parts: readonly (Html | string)[]): Html {
  return new Html(parts.map((part) => (part instanceof Html ? part.value : escapeHtml(part))).join('\n'));
}
