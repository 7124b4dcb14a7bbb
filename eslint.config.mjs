// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

const appsBan = { group: ['**/apps/**'], message: 'libraries never import apps' };
const pureLibraryBans = {
  patterns: [
    {
      group: ['@nestjs/*', 'kafkajs', '@mikro-orm/*', 'ioredis', 'bullmq', 'pg'],
      message: 'pure libraries do no I/O and know no framework',
    },
    appsBan,
  ],
};
/** STYLE.md: only libs/messaging talks to Kafka, only libs/persistence to PostgreSQL. */
const clientBan = {
  group: ['kafkajs', '@mikro-orm/*', 'pg'],
  message: 'Kafka goes through libs/messaging, PostgreSQL through libs/persistence',
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.run/**',
      'coverage/**',
      'libs/persistence/src/migrations/**',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression[callee.object.name=/^(it|describe|test)$/][callee.property.name=/^(only|skip)$/]',
          message: 'no focused or skipped tests',
        },
      ],
    },
  },
  {
    // Nest resolves constructor parameters by their runtime class: those imports must stay values.
    files: ['apps/**/*.ts', 'libs/{messaging,persistence,platform}/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    files: ['libs/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.int-spec.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [appsBan] }] },
  },
  {
    // After the rule above, so it wins for these libraries (their specs included).
    files: ['libs/{contracts,domain,adapters}/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', pureLibraryBans] },
  },
  {
    files: ['apps/**/*.ts', 'libs/{platform,config}/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.int-spec.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [clientBan, appsBan] }] },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      parserOptions: { projectService: false, project: null },
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        process: 'readonly',
      },
    },
    rules: {
      ...tseslint.configs.disableTypeChecked.rules,
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
);
