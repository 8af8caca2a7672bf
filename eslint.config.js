// Lint rules that catch real problems (npm run lint, part of npm test). Style is Prettier's job
// (npm run format), so no formatting rules here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.dist-building-*/', '.sparkify/', 'bench-results/', 'coverage/', 'notebooks/', '.stryker-tmp/', 'reports/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A promise nobody awaits loses its error (an unhandled rejection) and its ordering.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Non-null assertions are used deliberately after checks the compiler cannot follow.
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-console': 'off',
      // The generator and its tests match byte ranges such as [^\x00-\x7f] on purpose.
      'no-control-regex': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    // No console.log in src/ outside the CLI's output layer (the logger is injected everywhere else).
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**'],
    rules: { 'no-console': 'error' },
  },
  {
    // Engine differences live in the dialect adapter (docs/architecture.md): stages never compare
    // a dialect's name.
    files: ['src/**/*.ts'],
    ignores: ['src/dialect/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "BinaryExpression[operator=/^[!=]==?$/] > MemberExpression[property.name='dialect']",
          message: 'Ask the dialect adapter (src/dialect/) instead of comparing the dialect name.',
        },
        {
          selector: "SwitchStatement > MemberExpression.discriminant[property.name='dialect']",
          message: 'Ask the dialect adapter (src/dialect/) instead of switching on the dialect name.',
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        URL: 'readonly',
        MessageChannel: 'readonly',
      },
    },
  },
);
