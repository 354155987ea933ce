import { runLoad } from '../engine/run-load.js';
import type { LoadDriver } from './load-driver.js';
import { readSummary } from './summary-reader.js';

/** The built-in open-model engine as a {@link LoadDriver}. It starts at once. */
export const builtinDriver: LoadDriver = {
  engine: 'builtin',
  async run(request) {
    request.onStarted?.(Date.now());
    const summary = await runLoad({
      profile: request.profile,
      baseUrl: request.baseUrl,
      apiKey: request.apiKey,
      runId: request.runId,
      ...(request.signal ? { signal: request.signal } : {}),
      ...(request.progress ? { progress: request.progress } : {}),
      ...(request.onLive ? { onLive: request.onLive } : {}),
    });
    return {
      engine: 'builtin',
      summary,
      view: readSummary(summary),
      thresholdsFailed: false,
      k6ThresholdFailures: [],
      interrupted: request.signal?.aborted ?? false,
    };
  },
};
