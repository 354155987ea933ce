import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const LOGGER = fileURLToPath(new URL('./logger.js', import.meta.url));

/**
 * A child that logs through the service logger: one line at start (its reader is alive), then,
 * on "go" from stdin, two lines in one tick and `process.exit(0)`. The second line is still
 * queued when exit runs, which is where a destination that flushes synchronously on exit would
 * retry its write into the closed pipe for ever.
 */
const CHILD = `
import { createLogger } from ${JSON.stringify(LOGGER)};
const logger = createLogger('logger-test', 'info');
logger.info('ready');
process.stdin.once('data', () => {
  logger.warn({ pad: 'x'.repeat(2000) }, 'first line after the reader left');
  logger.warn({ pad: 'y'.repeat(2000) }, 'second line after the reader left');
  process.exit(0);
});
`;

describe('service logger', () => {
  it('lets a service exit when the reader of its stdout is gone (its launcher was killed)', async () => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    try {
      const firstLine = await new Promise<string>((resolve, reject) => {
        child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString('utf8')));
        child.once('exit', (code) => reject(new Error(`the child exited early (${code})`)));
      });
      assert.match(firstLine, /"msg":"ready"/);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      // Close our end of the child's stdout, then tell it to log and exit.
      child.stdout.destroy();
      child.stdin.write('go\n');
      // A liveness bound, not a timing check: the broken destination never exits at all.
      const outcome = await Promise.race([
        exited,
        new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 15000)),
      ]);
      assert.equal(outcome, 0, 'the child exits with code 0 after logging into a closed pipe');
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});
