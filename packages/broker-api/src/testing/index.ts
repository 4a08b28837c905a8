export { describeBrokerConformance } from './describeBrokerConformance.js';
export type {
  ConformanceFactory,
  ConformanceFault,
  ConformanceFaultKind,
  ConformancePrice,
  ConformanceSubject,
} from './subject.js';
export { seededRandom } from './seededRandom.js';
