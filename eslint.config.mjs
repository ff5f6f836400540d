// ESLint: typescript-eslint's recommended type-checked rules over every TypeScript file, with the
// type information of both projects (Node side and browser side). `npm run lint`; part of `npm test`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**'] },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.json', './tsconfig.runtime.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A leading underscore marks a name kept on purpose: an interface's unused parameter, a field dropped by a rest.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Off: async methods implement Promise-returning interfaces (Store, Tracker) with synchronous bodies, and async keeps a throw a rejection.
      '@typescript-eslint/require-await': 'off',
      // Off: a rejection forwards a caught error as it came (unknown); wrapping it would change what callers see.
      '@typescript-eslint/prefer-promise-reject-errors': 'off',
      // Handlers set up before the server starts read variables assigned once it has; those stay `let`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // Off in tests: they read parsed JSON, CMI data and page.evaluate results whose shape is what they assert.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      // Off in tests: they reach into browser globals the page defines (window.API, window.API_1484_11).
      '@typescript-eslint/no-explicit-any': 'off',
      // Off in tests: they print and compare fields of parsed JSON whose type is unknown by design.
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [js.configs.recommended],
    languageOptions: {
      globals: {
        process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly',
        module: 'writable', require: 'readonly', __dirname: 'readonly', setTimeout: 'readonly',
      },
    },
  },
);
