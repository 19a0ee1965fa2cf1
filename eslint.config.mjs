// ESLint flat config: TypeScript (typescript-eslint) for server, admin, types and tests,
// React hooks rules for the admin. Formatting is Prettier's job (`prettier --check`).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'coverage/**',
      'demo/node_modules/**',
      'demo/dist/**',
      'demo/.strapi/**',
      'demo/.tmp/**',
      'demo/public/**',
      'examples/*/node_modules/**',
      'examples/*/dist/**',
      'examples/*/.astro/**',
      'bench/.data/**',
      '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    files: ['admin/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['tests/**/*.{ts,js}'],
    languageOptions: { globals: { ...globals.jest } },
  }
);
