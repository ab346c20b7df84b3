// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/coverage/**',
      '**/.reports/**',
      '**/data/**',
      // SvelteKit's generated types and the dashboard's build output.
      'dashboard/.svelte-kit/**',
      'dashboard/build/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        projectService: {
          allowDefaultProject: [
            'eslint.config.js',
            'sim/bin/*.js',
            'collector/bin/*.js',
            'agent/bin/*.js',
            'gateway/bin/*.js',
            'demo/bin/*.js',
          ],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'separate-type-imports' },
      ],
      '@typescript-eslint/consistent-type-exports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
      // Libraries export names only: a default export hides what is imported.
      'no-restricted-exports': [
        'error',
        {
          restrictDefaultExports: {
            direct: true,
            named: true,
            defaultFrom: true,
            namedFrom: true,
            namespaceFrom: true,
          },
        },
      ],
    },
  },
  {
    // Tests may assert presence with `!` after checking it; code may not.
    files: ['**/*.test.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // Tool configuration files must default-export by the tools' convention.
    files: ['eslint.config.js', '**/vitest.config.ts', '**/svelte.config.js', '**/vite.config.ts'],
    rules: { 'no-restricted-exports': 'off' },
  },
  {
    // The dashboard's TypeScript is type-linted through dashboard/tsconfig.json,
    // which extends the tsconfig SvelteKit generates (`svelte-kit sync`, run by
    // its build, typecheck and prepare scripts). Its .svelte files are checked
    // by svelte-check, not ESLint. Browser code runs with browser globals.
    files: ['dashboard/src/**/*.ts'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    // SvelteKit's file conventions require default exports from these.
    files: ['dashboard/svelte.config.js'],
    rules: { 'no-restricted-exports': 'off' },
  },
  {
    // Plain-JS entry points: no type information to check against.
    files: ['eslint.config.js', '**/bin/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
