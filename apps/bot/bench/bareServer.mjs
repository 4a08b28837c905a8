/**
 * The yardstick: a bare node:http server that reads the body and answers like the bot's webhook, with no
 * parsing, journal or plugins. It counts TCP connections so the bench can prove the new-connection mode opens
 * one per request. Usage: node bareServer.mjs <port>
 */
import { createServer } from 'node:http';
import process from 'node:process';

const port = Number(process.argv[2] ?? 0);
let requests = 0;
let connections = 0;

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    if (req.url === '/stats') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ requests, connections }));
      return;
    }
    requests += 1;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: requests, status: 'accepted' }));
  });
});
server.on('connection', () => {
  connections += 1;
});
server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`bare node:http listening on http://127.0.0.1:${server.address().port}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
