import { defineConfig } from 'tsup';

export default defineConfig({
  // engineWorker is the engine thread's entry: EngineClient spawns dist/engineWorker.js.
  entry: { index: 'src/index.ts', cli: 'src/cli.ts', engineWorker: 'src/engine/engineWorker.ts' },
  format: ['esm'],
  dts: true,
  clean: true,
  target: 'node20',
  sourcemap: true,
});
