// Runs verdaccio in a process of its own (in the test worker its answers stalled) on a free loopback port and
// prints the URL it listens on. Usage: node registryServer.mjs <config.yaml>
import { runServer } from 'verdaccio';

const app = await runServer(process.argv[2]);
const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening http://127.0.0.1:${server.address().port}/\n`);
});
// pnpm keeps connections alive, so server.close() would wait for them: the storage is thrown away anyway.
process.on('SIGTERM', () => process.exit(0));
