import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** A loopback mirror of better-sqlite3's prebuilt binaries, and the env that points prebuild-install at it. */
export interface PrebuiltMirror {
  readonly env: NodeJS.ProcessEnv;
  /** Paths asked for so far. */
  readonly requests: readonly string[];
  close(): Promise<void>;
}

/**
 * Serves the monorepo's own compiled better-sqlite3 binding the way its release download is laid out, so the
 * projects of this test install it as a trader's machine does (prebuild-install downloads a prebuilt binary)
 * instead of compiling SQLite for minutes: this machine cannot reach the real download host.
 */
export async function startPrebuiltMirror(repo: string, dir: string): Promise<PrebuiltMirror> {
  const require = createRequire(join(repo, 'packages', 'journal', 'package.json'));
  const pkgDir = dirname(require.resolve('better-sqlite3/package.json'));
  const { version } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string };
  const binding = join(pkgDir, 'build', 'Release', 'better_sqlite3.node');
  if (!existsSync(binding)) throw new Error(`${binding} is missing: run pnpm install in the repo first`);
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  mkdirSync(dir, { recursive: true });
  const tarball = join(dir, name);
  execFileSync('tar', ['-czf', tarball, '-C', pkgDir, 'build/Release/better_sqlite3.node']);
  const body = readFileSync(tarball);
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === `/v${version}/${name}`) res.writeHead(200, { 'content-type': 'application/gzip' }).end(body);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    env: { npm_config_better_sqlite3_binary_host: host },
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
