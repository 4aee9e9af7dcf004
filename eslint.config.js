// Lint rules that keep the house in order: imports point down (cli -> ui, store, domain;
// ui -> domain; store -> domain), and src/domain stays pure.
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'util'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/.out/**', 'scripts/react-devtools-stub.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['ink', 'ink-*', 'react', 'react/*', 'lowdb', 'lowdb/*', ...nodeBuiltins], message: 'src/domain is pure: no UI, storage or Node I/O.' },
            { group: ['../cli/*', '../store/*', '../ui/*', '../../cli/*', '../../store/*', '../../ui/*'], message: 'src/domain imports nothing from the layers above it.' },
            { group: ['ts-fsrs'], message: 'Only src/domain/scheduler/ talks to ts-fsrs.' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Time is a parameter in src/domain.' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Randomness is a seeded parameter in src/domain.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Time is a parameter in src/domain.' },
      ],
    },
  },
  {
    files: ['src/domain/scheduler/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['ink', 'react', 'lowdb', ...nodeBuiltins], message: 'src/domain is pure.' }] },
      ],
    },
  },
  {
    files: ['src/store/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['ink', 'ink-*', 'react', '../ui/*', '../cli/*', '../../ui/*', '../../cli/*'], message: 'src/store sits below the UI and the CLI.' }] },
      ],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['lowdb', 'lowdb/*', '../store/*', '../../store/*', '../cli/*', '../../cli/*', 'node:fs', 'fs'], message: 'The UI sees the store only through the interface the CLI hands in.' }] },
      ],
    },
  },
);
