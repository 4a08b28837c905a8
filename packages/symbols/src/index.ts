export { DEFAULT_SYMBOL_SPECS } from './specs.js';
export type { SymbolSpec } from './specs.js';
export { SymbolBook, UnknownSymbolError } from './SymbolBook.js';
export type { ProfitTerms, RateLookup } from './SymbolBook.js';
export { profitRowsSql } from './profitRowsSql.js';
export type { ProfitRowsParams, ProfitRowsSource } from './profitRowsSql.js';
export { priceProblem } from './priceSanity.js';
export type { PriceContext } from './priceSanity.js';
