// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/*
 * Import boundaries (STYLE.md): arrows point down only, ui → store → graph → domain.
 * `no-restricted-imports` takes one option object per file, and a later config block
 * replaces an earlier one's options rather than merging them, so each block below
 * states its whole list.
 */

/**
 * A ban on import specifiers matching `regex`. Regexes rather than gitignore-style globs:
 * a glob `react` would also match `@xyflow/react`, since a slash-free glob matches any segment.
 * @param {string} regex @param {string} message
 */
const banned = (regex, message) => ({ regex, message });
/** A package and its subpaths: `zustand`, `zustand/vanilla`. @param {string[]} names */
const packages = (names) => `^(${names.join('|')})(/.*)?$`;
/** Any specifier passing through one of these directories of src/. @param {string[]} dirs */
const layers = (dirs) => `(^|/)(${dirs.join('|')})(/|$)`;

const REACT_AND_STATE = banned(
  packages(['react', 'react-dom', 'zustand']),
  'React and zustand belong to src/ui and src/store.',
);
const XYFLOW = banned('^@xyflow/', 'React Flow belongs to src/graph and src/ui.');
const NODE_MESSAGE =
  'src/domain gets strings, not files: Node built-ins belong to src/cli and tests.';
const NODE_PREFIXED = banned('^node:', NODE_MESSAGE);
const NODE_BARE = builtinModules
  .filter((name) => !name.startsWith('_'))
  .map((name) => ({ name, message: NODE_MESSAGE }));
const UPPER_LAYERS_FOR_DOMAIN = banned(
  layers(['ui', 'store', 'session', 'graph', 'cli']),
  'src/domain is the bottom layer: it imports nothing from ui, store, session, graph or cli.',
);
const UPPER_LAYERS_FOR_GRAPH = banned(
  layers(['ui', 'store', 'session']),
  'src/graph sits below the session, the store and the UI.',
);
const UI_AND_STORE = banned(
  layers(['ui', 'store']),
  'src/session sits below the store and the UI: it answers them.',
);
const UI = banned(layers(['ui']), 'src/store sits below the UI: components select from the store.');

export default defineConfig([
  globalIgnores([
    'dist/',
    'node_modules/',
    'playwright-report/',
    'test-results/',
    'src/domain/examples/fixtures/',
  ]),

  js.configs.recommended,

  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // The example host page for the embedded player runs in a browser.
    files: ['docs/examples/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },

  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },

  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/store/**/*.{ts,tsx}', 'src/main.tsx'],
    extends: [reactHooks.configs.flat.recommended],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Each embedded player has its own store: a component reaches the one it is under
    // (useKpvizApi), never the page's by name.
    files: ['src/ui/**/*.{ts,tsx}'],
    ignores: ['src/ui/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "MemberExpression[object.name='useKpvizStore'][property.name=/^(getState|setState|subscribe|getInitialState)$/]",
          message: 'Use useKpvizApi().getState(): the store this component is under.',
        },
      ],
    },
  },

  {
    files: ['src/domain/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: NODE_BARE,
          patterns: [REACT_AND_STATE, XYFLOW, NODE_PREFIXED, UPPER_LAYERS_FOR_DOMAIN],
        },
      ],
    },
  },
  {
    // Tests bring fixture files in from disk; the engine itself still never does.
    files: ['src/domain/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [REACT_AND_STATE, XYFLOW, UPPER_LAYERS_FOR_DOMAIN] },
      ],
    },
  },
  {
    files: ['src/graph/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [REACT_AND_STATE, UPPER_LAYERS_FOR_GRAPH] }],
    },
  },
  {
    // Runs in a Web Worker as well as the page: no React, no store, no DOM beyond a worker's.
    files: ['src/session/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.worker } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [REACT_AND_STATE, XYFLOW, UI_AND_STORE] }],
    },
  },
  {
    files: ['src/store/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [UI] }] },
  },
]);
