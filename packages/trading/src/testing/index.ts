export { StubTrends } from './StubTrends.js';
