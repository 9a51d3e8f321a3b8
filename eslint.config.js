/**
 * ESLint with typescript-eslint's recommended-type-checked rules (issue 28, item 6). Prepared, not yet part
 * of `npm test`: `npm run lint` reports what the code must still answer (docs/architecture.md, "Boundaries").
 * The layer rules are dependency-cruiser's (`.dependency-cruiser.cjs`), not ESLint's.
 */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeGlobals = { process: 'readonly', console: 'readonly', URL: 'readonly', module: 'writable', require: 'readonly' };
const browserGlobals = { window: 'readonly', document: 'readonly', console: 'readonly' };

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
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: nodeGlobals },
  },
  {
    files: ['apps/api/src/web/assets/**/*.js'],
    languageOptions: { sourceType: 'script', globals: browserGlobals },
  },
);
