/**
 * Benchmark helper: runs the mini gateway in its own process (so the server does not share the
 * engine's event loop) and prints its base URL as the first stdout line. Stops on SIGTERM.
 */
import { startMiniGateway } from '../testing/mini-gateway.js';

const gateway = await startMiniGateway();
process.stdout.write(`${gateway.baseUrl}\n`);
process.once('SIGTERM', () => void gateway.close().then(() => process.exit(0)));
