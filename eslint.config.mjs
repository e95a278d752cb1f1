// ESLint (flat config) with typescript-eslint, type-aware: `npm run lint`, part of `npm test`.
// Every rule switched off or down below says why; a disable comment in the code must name its reason, and an
// unused one is an error.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'vendor/**', 'test/fixtures/**', '.vscode-test/**', 'bench/results/**', 'bench/harness/**', '.test-artifacts/**', '**/*.d.ts'] },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // The point of type-aware linting here: a dropped promise in the server loses a diagnostic or a crash report.
      // node:test's describe/it return promises the runner awaits itself.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] }] },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      // JSON from LSP clients, worker messages and YAML `toJS()` is `any` at the edges; those values are checked
      // by hand (readSettings, isRecord) before use, so assigning or passing them on is not itself the bug.
      // Member access and calls on `any` are where typos hide: those stay errors.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'error',
      '@typescript-eslint/no-unsafe-call': 'error',
      // `_`-prefixed parameters are required by an interface (a rule's `report`, an LSP handler) but unused.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // Template literals with numbers and booleans are how messages are built; the rule's value is in objects.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true, allowNullish: true }],
      // Tests and hosts call async node:test/LSP APIs whose promise the framework awaits.
      '@typescript-eslint/require-await': 'off',
      // YAML scalar values are typed `unknown` but are primitives once isScalar() holds: String(value) is the
      // intended conversion there, and the rule cannot see the guard.
      '@typescript-eslint/no-base-to-string': 'off',
      // `import x = require('y')` is how TypeScript writes a CommonJS import (see hosts/cli/discover.ts).
      '@typescript-eslint/no-require-imports': ['error', { allowAsImport: true }],
    },
  },
  {
    // Tests read parsed YAML (`toJS()`) and JSON output as `any` on purpose: asserting on its shape is the test.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      // LSP diagnostics' `message` is `string | MarkupContent` by type; tests print what the server sent.
      '@typescript-eslint/restrict-template-expressions': 'off',
      // Tests cast an LSP response where they read it, the way the protocol documents the request.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
  {
    // Plain JavaScript (bin, bench, e2e drivers): no type information.
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
    rules: {
      ...tseslint.configs.disableTypeChecked.rules,
      // CommonJS files (bin/harden.js, the sandbox preload) load modules with require.
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', URL: 'readonly', Buffer: 'readonly', performance: 'readonly', structuredClone: 'readonly', fetch: 'readonly', AbortSignal: 'readonly', exports: 'writable',
        // ui.e2e.mjs: functions that Playwright runs inside the VS Code window.
        document: 'readonly' },
    },
  },
);
