const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

/**
 * A sparkline of margins in Unicode block characters, on the fixed scale [-1, 1] (so nights and
 * checks compare): `▁` is -1 (failed badly), `█` is +1; a night without a margin is `·`. Pure.
 */
export function sparkline(margins: readonly (number | null)[]): string {
  return margins
    .map((m) => {
      if (m === null || !Number.isFinite(m)) return '·';
      const level = Math.round(((Math.max(-1, Math.min(1, m)) + 1) / 2) * (BLOCKS.length - 1));
      return BLOCKS[level];
    })
    .join('');
}
