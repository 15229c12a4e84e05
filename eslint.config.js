import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Layering rules from docs/ARCHITECTURE.md: core/ is pure, schemas/ depends on zod only. */
const noIo = ['fs', 'node:*', 'net', 'http', 'child_process', 'better-sqlite3', 'pg'];

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'data', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['core/**/*.ts'],
    ignores: ['core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/**', '**/client/**'],
              message: 'core/ must not depend on server/ or client/.',
            },
            { group: noIo, message: 'core/ is pure: no I/O modules.' },
          ],
        },
      ],
    },
  },
  {
    files: ['schemas/**/*.ts'],
    ignores: ['schemas/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/core/**', '**/server/**', '**/client/**'],
              message: 'schemas/ imports nothing but zod.',
            },
          ],
        },
      ],
    },
  },
);
