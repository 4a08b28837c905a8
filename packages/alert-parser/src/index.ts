export { parseAlert } from './parseAlert.js';
export { ParseErrorCode } from './result.js';
export type { ParseFailure, ParseOptions, ParseResult } from './result.js';
export { formatParseIssues } from './issues.js';
export type { ParseIssue } from './issues.js';
export { parseMtfTrends } from './mtfTrends.js';
export type { MtfTrendsError, MtfTrendsResult } from './mtfTrends.js';
export { SYMBOL_PATTERN, normalizeSymbol } from './symbols.js';
export { V6_SIGNALS } from './v6.js';
