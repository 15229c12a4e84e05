/**
 * Composition root: config → store → collaboration → http, all in server/main.ts. Run with
 * `npm start`; `PORT`, `HOST`, `DATA_DIR` and `ALLOWED_ORIGINS` change it. SIGTERM/SIGINT store
 * every open document and exit 0.
 */
import { ConfigError, readConfig, type ServerConfig } from './config';
import { startServer } from './main';

/** After SIGTERM the process exits by this time, stored or not (every update is logged anyway). */
const SHUTDOWN_LIMIT_MS = 5_000;

function loadConfig(): ServerConfig {
  try {
    return readConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`redline: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

const config = loadConfig();
const running = await startServer(config).catch((error: NodeJS.ErrnoException) => {
  if (error.code === 'EADDRINUSE' || error.code === 'EACCES' || error.code === 'EADDRNOTAVAIL') {
    console.error(`redline: cannot listen on ${config.host}:${config.port}: ${error.code}`);
  } else if (error instanceof ConfigError) {
    // A setting found unusable only at start, such as an unreachable DATABASE_URL.
    console.error(`redline: ${error.message}`);
  } else {
    console.error('redline: cannot start:', error);
  }
  process.exit(1);
});
console.log(`Redline listening on ${running.url}`);
if (running.adminLink) {
  console.log(
    `Admin: sign in once with this link (valid 24 hours, one use), then set a password:\n  ${running.adminLink}`,
  );
}

function shutDown(): void {
  setTimeout(() => {
    console.error('redline: shutdown took too long; exiting');
    process.exit(1);
  }, SHUTDOWN_LIMIT_MS - 500).unref();
  running.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error('redline: error during shutdown:', error);
      process.exit(1);
    },
  );
}

process.once('SIGTERM', shutDown);
process.once('SIGINT', shutDown);
