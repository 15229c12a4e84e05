/**
 * Bare Hocuspocus — no authentication, no persistence, no extensions — the baseline the
 * collaboration benchmarks compare Redline against on the same machine in the same run.
 * `PORT=<port> node --import tsx bench/bare-server.ts`; prints "listening" when ready.
 */
import { Server } from '@hocuspocus/server';

const port = Number(process.env.PORT ?? 0);
const server = new Server({ port, quiet: true, stopOnSignals: true, address: '127.0.0.1' });
server.listen().then(() => console.log(`listening on ${server.address.port}`));
