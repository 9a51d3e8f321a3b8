/**
 * ESLint with typescript-eslint's recommended-type-checked rules (issue 28, item 6), run by `npm test`
 * (`npm run lint`). The layer rules are dependency-cruiser's (`.dependency-cruiser.cjs`), not ESLint's.
 */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeGlobals = { process: 'readonly', console: 'readonly', URL: 'readonly', fetch: 'readonly', module: 'writable', require: 'readonly' };
const browserGlobals = { window: 'readonly', document: 'readonly', console: 'readonly', fetch: 'readonly' };

export default tseslint.config(
  { ignores: ['dist/', 'dist-test/', 'coverage/', 'node_modules/', 'bench/results/'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      // tsconfig.json covers apps/, libs/, test/ and bench/: every TypeScript file is linted with its types.
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    rules: {
      // `async` states a function's contract (a Nest handler, a port's method returns a promise) whether or
      // not its body awaits today; making each return Promise.resolve by hand would hide that, not fix it.
      '@typescript-eslint/require-await': 'off',
      // A leading underscore names what is destructured or received only to be left out (`{ minPosition: _wait, ...filters }`).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // Tests read HTTP answers (supertest's `body` is `any` by design) and JSON fixtures: asserting on them
    // field by field is what the test is for, so the rules against reaching into `any` are off there.
    files: ['test/**/*.ts', '**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/*.browser-spec.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Tests take methods off objects on purpose: to patch and restore them, or a harness's `stop`.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: nodeGlobals },
  },
  {
    // Event data and metadata are parsed only by decodeRecorded, which upcasts them. The unit spec
    // test/docs/event-data-decoded-once.spec.ts holds the same rule, and names the files that parse other JSON.
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: ['libs/ledger/src/event-store/decode.ts', '**/*.spec.ts', '**/*.int-spec.ts', '**/testing/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='JSON'][callee.property.name='parse'] Identifier[name=/^(data|metadata|eventData|metadataText|otherMetadata)$/]",
          message: 'Event data and metadata are parsed only by decodeRecorded (libs/ledger/src/event-store/decode.ts).',
        },
      ],
    },
  },
  {
    files: ['apps/api/src/web/assets/**/*.js'],
    languageOptions: { sourceType: 'script', globals: browserGlobals },
  },
);
