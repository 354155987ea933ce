/** Generator options (`npm run k8s:generate -- [--image R/faultline-fleet:T] [--controller-image ...] [--check]`). */
export interface GenerateOptions {
  /** The fleet image, built from the repo's Dockerfile (default target). */
  image: string;
  /** The controller image, built with `--target controller`. Default: the fleet image's name with `-controller`. */
  controllerImage: string;
  /** The namespace everything lives in (kustomize sets it on every object). */
  namespace: string;
}

/** The committed manifests are generated with these; `--check` compares against them unless told otherwise. */
export const DEFAULT_IMAGE = 'faultline-fleet:0.1.0';

/** The controller image that goes with a fleet image: `R/faultline-fleet:T` -> `R/faultline-controller:T`. */
export function controllerImageFor(image: string): string {
  return image.replace(/faultline-fleet(?=[:@]|$)/, 'faultline-controller');
}

/** Parses argv (after the script name). Throws on an unknown flag or a missing value. */
export function parseArgs(argv: readonly string[], namespace: string): GenerateOptions & { check: boolean } {
  let image = DEFAULT_IMAGE;
  let controllerImage: string | undefined;
  let check = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (!v || v.startsWith('--')) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--check') check = true;
    else if (arg === '--image') image = value();
    else if (arg === '--controller-image') controllerImage = value();
    else throw new Error(`unknown option ${arg} (known: --image, --controller-image, --check)`);
  }
  return { image, controllerImage: controllerImage ?? controllerImageFor(image), namespace, check };
}
