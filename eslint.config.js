// ESLint flat config: typescript-eslint's type-aware rules plus the import boundaries from
// docs/architecture.md: who may import whom with no-restricted-imports (by import text), and the
// layering (no import cycles, no upward imports) with eslint-plugin-import-x (by resolved path).
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';
import { noTypeCycle } from './scripts/eslint/no-type-cycle.js';

const here = import.meta.dirname;
const SOURCE_ROOTS = [
  'chaos',
  'load',
  'target-services',
  'dashboards',
  'scripts',
  'prometheus',
  'otel-collector',
  'deploy',
];
const CHAOS_CORE = ['errors.ts', 'verdict.ts', 'exit-codes.ts'];

/**
 * Layers, bottom to top. An import may go down or sideways, never up (import-x/no-restricted-paths,
 * on resolved paths, so `../../chaos/cli/x.js` and `./cli/x.js` are caught alike):
 *   chaos/{errors,verdict,exit-codes}.ts   the core: imports no chaos/ sub-folder
 *   target-services/contracts/             below platform/ and the services
 *   load/                                  below the runner: reads only the chaos/ core
 *   chaos/ sub-folders, target-services/
 *   chaos/cli/                             the top: only it (and tests driving the CLI) imports it
 *   scripts/, dashboards/, prometheus/, otel-collector/, deploy/   tooling: nothing in the product imports it
 */
const layers = [
  {
    target: [
      ...SOURCE_ROOTS.filter((r) => r !== 'chaos').map((r) => `${here}/${r}/**/!(*.test).ts`),
      `${here}/chaos/!(cli)/**/!(*.test).ts`,
      `${here}/chaos/!(*.test).ts`,
    ],
    from: `${here}/chaos/cli`,
    message:
      'chaos/cli/ is the top layer: move what it shares down (e.g. the exit codes are in chaos/exit-codes.ts).',
  },
  {
    target: `${here}/chaos/*.ts`,
    from: `${here}/chaos/*/**`,
    message: `the chaos/ core (${CHAOS_CORE.join(', ')}) is read by every layer and imports none of them.`,
  },
  {
    // Tests may check load/ against the judge that reads it (e.g. k6 summaries through thresholds).
    target: `${here}/load/**/!(*.test).ts`,
    from: `${here}/chaos`,
    except: CHAOS_CORE.map((f) => `./${f}`),
    message: `load/ sits below the runner: it may read only the chaos/ core (${CHAOS_CORE.join(', ')}).`,
  },
  {
    target: `${here}/target-services/contracts`,
    from: `${here}/target-services`,
    except: ['./contracts'],
    message: 'contracts/ are plain names and types: they import neither platform/ nor a service.',
  },
  {
    target: [`${here}/chaos`, `${here}/load`, `${here}/target-services`],
    from: [`${here}/scripts`, `${here}/dashboards`, `${here}/prometheus`, `${here}/otel-collector`],
    message:
      'scripts/, dashboards/, prometheus/ and otel-collector/ are tooling on top: the product never imports them.',
  },
  {
    // Tests may: the runner's contract tests check its request bodies with deploy/kubernetes/validate.ts.
    target: ['chaos', 'load', 'target-services'].map((r) => `${here}/${r}/**/!(*.test).ts`),
    from: `${here}/deploy`,
    message:
      'deploy/ is tooling on top: the product never imports it (its tests may use deploy/kubernetes/validate.ts).',
  },
];

const boundary = (files, patterns, message) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }] },
});

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'load/k6/**', 'runs/**', '.faultline/**', '**/*.js', '**/*.mjs'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.test.ts', 'scripts/**/*.ts', '**/bench/**/*.ts'],
    rules: {
      'no-console': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      // Follow .ts files (parsed without the type checker, which import-x drops for speed).
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      // Sources import `./x.js`; the file on disk is `x.ts`.
      'import-x/resolver-next': [
        createNodeResolver({
          extensions: ['.ts', '.js', '.json'],
          extensionAlias: { '.js': ['.ts', '.js'] },
        }),
      ],
    },
    rules: {
      // Runtime cycles (import-x skips `import type`, which TypeScript erases); packages are not
      // followed, which keeps the rule cheap.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones: layers }],
    },
  },
  {
    files: ['**/*.ts'],
    plugins: {
      faultline: {
        rules: { 'no-type-cycle': noTypeCycle({ roots: SOURCE_ROOTS.map((r) => `${here}/${r}`) }) },
      },
    },
    // import-x/no-cycle skips `import type`; both cycles of issue 16 had a type-only side.
    rules: { 'faultline/no-type-cycle': 'error' },
  },
  boundary(
    ['chaos/**/*.ts', 'load/**/*.ts'],
    ['**/target-services/**'],
    'chaos/ and load/ treat the fleet as a black box (HTTP, AMQP, SQL, telemetry); never import target-services/.',
  ),
  boundary(
    ['chaos/proxy/**/*.ts'],
    ['../*', '!./*', '**/target-services/**', '**/load/**'],
    'the proxy stands alone: import only files inside chaos/proxy/.',
  ),
  boundary(
    ['target-services/platform/**/*.ts', 'target-services/contracts/**/*.ts'],
    [
      '**/gateway/**',
      '**/order/**',
      '**/payment/**',
      '**/inventory/**',
      '**/shipping/**',
      '**/psp/**',
      '**/carrier/**',
      '**/chaos/**',
      '**/load/**',
    ],
    'platform/ and contracts/ hold no domain logic: never import a service, chaos/ or load/.',
  ),
  ...['gateway', 'order', 'payment', 'inventory', 'shipping', 'psp', 'carrier'].map((svc) =>
    boundary(
      [`target-services/${svc}/**/*.ts`],
      [
        '../gateway/**',
        '../order/**',
        '../payment/**',
        '../inventory/**',
        '../shipping/**',
        '../psp/**',
        '../carrier/**',
        '**/chaos/**',
        '**/load/**',
      ].filter((p) => !p.startsWith(`../${svc}/`)),
      'a service imports only ../platform and ../contracts, never another service.',
    ),
  ),
);
