import { open, type FileHandle } from 'node:fs/promises';

/**
 * Follows a file another process appends to (k6's `--out json`), handing each complete line to
 * `onLine`. Polls every `intervalMs`; `stop()` reads what is left (a last line without a newline
 * included) and closes the file. Edge: file I/O.
 */
export function tailFile(
  path: string,
  onLine: (line: string) => void,
  intervalMs = 250,
): { stop(): Promise<void> } {
  let handle: FileHandle | undefined;
  let offset = 0;
  let rest = '';
  let running: Promise<void> = Promise.resolve();
  const buffer = Buffer.alloc(1 << 20);
  const drain = async (): Promise<void> => {
    handle ??= await open(path, 'r').catch(() => undefined);
    if (handle === undefined) return;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
      if (bytesRead === 0) return;
      offset += bytesRead;
      const lines = (rest + buffer.toString('utf8', 0, bytesRead)).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    }
  };
  const tick = (): void => {
    running = running.then(drain).catch(() => undefined);
  };
  const timer = setInterval(tick, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      tick();
      await running;
      if (rest !== '') onLine(rest);
      rest = '';
      await handle?.close();
    },
  };
}
