import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { UNKNOWN_SENDER } from '../intake/Intake.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The sender's address, captured while the socket was open (request.ip is undefined once it is gone). */
    zepixSender: string;
  }
}

const opened = new WeakMap<Socket, string>();

/** The address a socket had when it connected; survives the socket being destroyed. */
export function socketAddress(socket: Socket): string {
  return opened.get(socket) ?? socket.remoteAddress ?? UNKNOWN_SENDER;
}

/**
 * Records each connection's peer address as it opens, and each request's sender (the proxy-aware request.ip) as
 * its headers arrive, so an aborted request can still be journaled with who sent it.
 */
export function captureSenders(app: FastifyInstance): void {
  app.server.on('connection', (socket: Socket) => {
    if (socket.remoteAddress !== undefined) opened.set(socket, socket.remoteAddress);
  });
  app.decorateRequest('zepixSender', UNKNOWN_SENDER);
  app.addHook('onRequest', (request: FastifyRequest, _reply, done) => {
    request.zepixSender = request.ip || socketAddress(request.raw.socket);
    done();
  });
}
