import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A verdaccio registry on 127.0.0.1 and a token that may publish to it. */
export interface LocalRegistry {
  readonly url: string;
  readonly token: string;
  close(): Promise<void>;
}

// @zepix/* and create-zepix come only from this registry (no uplink): the test must never install a copy from
// the internet. Third-party packages (zod, fastify, …) are proxied to npmjs, which this machine may reach.
const CONFIG = `storage: ./storage
auth:
  htpasswd:
    file: ./htpasswd
uplinks:
  npmjs:
    url: https://registry.npmjs.org/
    timeout: 60s
packages:
  '@zepix/*':
    access: $all
    publish: $authenticated
  'create-zepix':
    access: $all
    publish: $authenticated
  '**':
    access: $all
    publish: $authenticated
    proxy: npmjs
max_body_size: 50mb
logs: { type: stdout, format: pretty, level: error }
`;

function spawnRegistry(configPath: string): Promise<{ url: string; close(): Promise<void> }> {
  const script = fileURLToPath(new URL('registryServer.mjs', import.meta.url));
  const child = spawn(process.execPath, [script, configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match?.[1]) resolve({ url: match[1], close });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(() => reject(new Error(`verdaccio exited before it listened:\n${output}`)));
  });
}

/** Starts verdaccio with its storage in `dir` on a free port and registers a user for publishing. */
export async function startLocalRegistry(dir: string): Promise<LocalRegistry> {
  mkdirSync(dir, { recursive: true });
  const configPath = join(dir, 'config.yaml');
  writeFileSync(configPath, CONFIG);
  const server = await spawnRegistry(configPath);
  const response = await fetch(`${server.url}-/user/org.couchdb.user:zepix-ci`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'zepix-ci', password: 'zepix-ci-password' }),
  });
  const body = (await response.json()) as { token?: string };
  if (!response.ok || !body.token) {
    await server.close();
    throw new Error(`verdaccio refused the test user: ${JSON.stringify(body)}`);
  }
  return { url: server.url, token: body.token, close: () => server.close() };
}
