/** Where a run's fleet lives: started by the run, already running, or deployed on Kubernetes. */
export const ENVIRONMENT_MODES = ['embedded', 'attach', 'kubernetes'] as const;
export type EnvironmentMode = (typeof ENVIRONMENT_MODES)[number];

/**
 * Which modes a fault driver supports: `true`, or the reason it cannot run there. Validation
 * (`faultline validate`/`plan`) reads it, so an unsupported fault is refused before a run starts.
 */
export type ModeSupport = Readonly<Record<EnvironmentMode, true | string>>;

/** Reasons shared by several drivers. */
export const NOT_OWNED_PROCESSES =
  "attach mode does not own the fleet's processes; use mode: embedded or kubernetes";
