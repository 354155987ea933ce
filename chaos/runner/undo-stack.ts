/** Steps to undo what an environment started, run in reverse order by `stop()`. */
export interface UndoStack {
  undo: { name: string; fn: () => Promise<unknown> }[];
  /** Runs every step once, last pushed first; never throws, returns `<name>: <problem>` lines. */
  stop: () => Promise<string[]>;
}

/** A fresh {@link UndoStack}. */
export function undoStack(): UndoStack {
  const undo: UndoStack['undo'] = [];
  const stop = async (): Promise<string[]> => {
    const problems: string[] = [];
    for (const step of undo.splice(0).reverse())
      await step.fn().catch((err: unknown) => problems.push(`${step.name}: ${String(err)}`));
    return problems;
  };
  return { undo, stop };
}
