import { defineConfig } from 'tsup';

// No runtime dependencies: the versions a new project starts from are bundled from the workspace manifests.
export default defineConfig({
  entry: ['src/cli.ts'],
  format: ['esm'],
  dts: false,
  clean: true,
  target: 'node20',
  sourcemap: true,
});
