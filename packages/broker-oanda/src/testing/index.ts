export { startOandaEmulator } from './startOandaEmulator.js';
export type { OandaEmulator, OandaEmulatorOptions } from './startOandaEmulator.js';
export type { EmulatorFault } from './emulatorFaults.js';
export { DEFAULT_INSTRUMENTS } from './emulatorInstruments.js';
export type { EmulatedInstrument } from './emulatorInstruments.js';
export type { EmulatorAccount } from './EmulatorAccount.js';
