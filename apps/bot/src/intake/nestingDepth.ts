/** The deepest nesting an alert body may have; real alerts are 2–3 levels deep. */
export const MAX_NESTING_DEPTH = 64;

/**
 * True when the text nests `[` / `{` deeper than `limit`, counted outside strings in one pass without recursion,
 * so a hostile body cannot overflow the stack before it is refused.
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  // Stryker disable next-line EqualityOperator: charCodeAt past the end is NaN, which matches no bracket
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i += 1; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > limit) return true;
    } else if ((c === 0x7d || c === 0x5d) && depth > 0) depth -= 1;
  }
  return false;
}
