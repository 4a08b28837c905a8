import { connect } from 'node:net';
import type { Socket } from 'node:net';

/** Host and port of a bot URL such as http://127.0.0.1:1234. */
function target(url: string): { host: string; port: number } {
  const { hostname, port } = new URL(url);
  return { host: hostname, port: Number(port) };
}

/** Opens a TCP connection to the bot, resolved once connected. */
export function openSocket(url: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(target(url), () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Request head for POST /webhook with the given extra header lines. */
export function postHead(path: string, headers: readonly string[]): string {
  return [`POST ${path} HTTP/1.1`, 'Host: 127.0.0.1', 'Content-Type: application/json', ...headers, '', ''].join(
    '\r\n',
  );
}

/** Writes raw bytes, half-closes when asked, and collects what the server sends until it closes the socket. */
export async function exchange(url: string, bytes: string, options: { end?: boolean } = {}): Promise<string> {
  const socket = await openSocket(url);
  return new Promise((resolve) => {
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
    socket.on('error', () => resolve(answer));
    socket.on('close', () => resolve(answer));
    socket.write(bytes);
    if (options.end) socket.end();
  });
}

/** Sends a head promising `declared` bytes and half of a body, then resets the connection. */
export async function abortMidBody(url: string, declared = 400): Promise<void> {
  const socket = await openSocket(url);
  socket.on('error', () => undefined);
  await new Promise<void>((resolve) =>
    socket.write(postHead('/webhook', [`Content-Length: ${declared}`]) + '{"type":"entry","sym', () => resolve()),
  );
  await new Promise((r) => setTimeout(r, 5));
  socket.resetAndDestroy();
}
