export { DEFAULT_SYMBOL_SPECS } from './specs.js';
export type { SymbolSpec } from './specs.js';
export { SymbolBook, UnknownSymbolError } from './SymbolBook.js';
export type { RateLookup } from './SymbolBook.js';
