// ESLint flat config: typescript-eslint's type-aware rules plus the import boundaries from
// docs/architecture.md, enforced with no-restricted-imports (cheap, no extra plugin).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
