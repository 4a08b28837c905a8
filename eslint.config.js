import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/.turbo/**',
      '**/coverage/**',
      '**/*.config.ts',
      '**/*.config.js',
      '**/*.config.mjs',
      '**/.stryker-tmp/**',
      '**/__fixtures__/**',
      '**/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      // A package's internals are whatever its exports map leaves out: import other packages by their entry points.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@zepix/*/src/**',
                '@zepix/*/dist/**',
                '**/packages/*/src/**',
                '**/plugins/*/src/**',
                '**/apps/*/src/**',
              ],
              message:
                "Import another package by its entry point ('@zepix/x' or '@zepix/x/testing'); its other modules are internal.",
            },
          ],
        },
      ],
    },
  },
  {
    // The bot's build gives every output chunk a module-level `require` (tsup.config.ts, for the bundled Fastify):
    // a module-level `require` of the bot's own would make that chunk fail to load.
    files: ['apps/bot/src/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'Program > VariableDeclaration > VariableDeclarator[id.name="require"], Program > FunctionDeclaration[id.name="require"]',
          message:
            "Name it something else (e.g. requireHere): every chunk of the bot's build declares `require` itself.",
        },
      ],
    },
  },
  {
    // vitest's asymmetric matchers (expect.stringContaining, …) are typed `any`.
    files: ['**/*.test.ts', '**/test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
