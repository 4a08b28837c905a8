import { defineConfig } from 'tsup';
import { writeThirdPartyLicenses } from './build/thirdPartyLicenses.js';

export default defineConfig({
  // engineWorker is the engine thread's entry: EngineClient spawns dist/engineWorker.js.
  entry: { index: 'src/index.ts', cli: 'src/cli.ts', engineWorker: 'src/engine/engineWorker.ts' },
  format: ['esm'],
  dts: true,
  clean: true,
  target: 'node20',
  sourcemap: true,
  // Fastify and its rate limiter go into the intake's chunk: as ~90 separate CommonJS files they cost `zepix start`
  // ~50 ms of resolving, reading and wrapping modules before the first webhook can be answered. They stay
  // dependencies (the types, and the compilers lazyCompilers.ts loads from Fastify's own dependencies).
  noExternal: ['fastify', '@fastify/rate-limit'],
  // Fastify requires its default compilers only when no compilersFactory is given; lazyCompilers.ts always gives
  // one (loading them from Fastify's own dependencies on a route's first use), so ~600 KB of Ajv stays out.
  external: ['@fastify/ajv-compiler', '@fastify/fast-json-stringify-compiler'],
  // Their licenses travel with the copy: dist/THIRD_PARTY_LICENSES.md, from esbuild's list of bundled inputs.
  metafile: true,
  onSuccess: async () => {
    writeThirdPartyLicenses('dist');
  },
  // Bundled CommonJS calls `require` for Node's own modules: every chunk gets one (no module of the bot may declare
  // a top-level `require` of its own; eslint.config.js refuses one in apps/bot/src).
  banner: {
    js: "import { createRequire as __zepixCreateRequire } from 'node:module'; const require = __zepixCreateRequire(import.meta.url);",
  },
});
