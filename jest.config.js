/**
 * Jest in native ESM mode (run through `node --experimental-vm-modules`), TypeScript through swc.
 *
 * swc only strips types: it type-checks nothing, so `npm test` runs `tsc --noEmit` before jest (ts-jest ran
 * with `diagnostics: false`, so jest never type-checked either). Its gain is in a clean clone, where jest's
 * cache is empty and every file is transformed: measured on the same spec files back to back, about a third
 * less CPU than ts-jest for the unit specs and half for the e2e specs (docs/architecture.md, "Tests"). NestJS reads constructor parameter types from `design:paramtypes`, so
 * swc emits decorator metadata as tsc does (`experimentalDecorators`, `emitDecoratorMetadata`,
 * `useDefineForClassFields: false` in tsconfig.json).
 */
import { readFileSync } from 'node:fs';

/**
 * The `@ledger/...` aliases are tsconfig.json's `paths`, read from there, so that tsc, jest, tsc-alias
 * (which rewrites them in `dist`) and dependency-cruiser resolve every alias alike.
 */
const { paths } = JSON.parse(readFileSync(new URL('./tsconfig.json', import.meta.url), 'utf8')).compilerOptions;
const aliases = Object.fromEntries(
  Object.entries(paths).map(([alias, [target]]) => [`^${alias.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, `<rootDir>/${target.replace(/^\.\//, '')}`]),
);

const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
  },
  sourceMaps: 'inline',
};

const base = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { ...aliases, '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
};

/**
 * The e2e specs run once more with the views on their worker thread, as the server runs them (the
 * worker cannot load TypeScript, so it runs the compiled script from `dist`). Not every spec: the ones
 * that read back every family of views after writing — the director's board, deadlines and counsel's
 * queue, the register and findings, every GET route under the sealed-case guard, retention and erasure,
 * the access log, incidents, patron identifiers, non-disclosure orders, wellness checks and the web pages.
 * The others write and read the case streams, which do not depend on where the views run; the specs that
 * start the server or the CLI as child processes always run the views on the worker anyway. (Running all
 * fifty again took 170 s of the suite's time on 2 cores and found nothing these do not.)
 */
const VIEWS_WORKER_SPECS = [
  'views.e2e-spec.ts',
  'sealed-cases-never-leak.e2e-spec.ts',
  'records-lifecycle.e2e-spec.ts',
  'access-log.e2e-spec.ts',
  'outcomes-agree.e2e-spec.ts',
  'breach-notices-statute.e2e-spec.ts',
  'patron-identifiers.e2e-spec.ts',
  'nondisclosure-life.e2e-spec.ts',
  'wellness.e2e-spec.ts',
  'web-pages.e2e-spec.ts',
];
const e2eDir = new URL('./test/e2e/', import.meta.url);
for (const name of VIEWS_WORKER_SPECS) {
  // A spec renamed or moved to child processes must not silently leave the list.
  if (!/\bstartLedgerApp\b|\bLedgerAppHarness\b|\bbothStores\b/.test(readFileSync(new URL(name, e2eDir), 'utf8'))) throw new Error(`${name} does not start the API in process`);
}

/** Every JSON answer an e2e spec receives is checked against the served OpenAPI document (test/support/openapi-answers.setup.ts). */
const OPENAPI_ANSWERS = '<rootDir>/test/support/openapi-answers.setup.ts';

/** `*.spec.ts` is the unit glob: it does not match `.int-spec.ts`, `.e2e-spec.ts` or `.browser-spec.ts`. */
export default {
  testTimeout: 30000,
  maxWorkers: 2,
  // Under --experimental-vm-modules, Node 20 never collects a vm.SourceTextModule, so a worker keeps the
  // whole module graph of every spec file it has run (nodejs/node#50113, jestjs/jest#14605): an e2e worker
  // reached 2 GB of heap, and at the end of a run a worker that big takes seconds to tear its heap down
  // after its event loop has emptied. Jest gives a worker 500 ms before it force-exits it and warns of
  // "tests leaking due to improper teardown", though nothing is left open. A worker whose heap has passed
  // this after a spec file is replaced by a fresh one. (A replaced worker is killed, so a handle its specs
  // left open goes unreported: look for one with a single spec file and --detectOpenHandles.)
  workerIdleMemoryLimit: '256MB',
  projects: [
    // Deciders, rules, folds, renderers: no I/O beyond a temp file or two, seconds for all of them.
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts'] },
    // Real SQLite on disk, the EventStoreDB protocol test server, worker threads, the contract suite.
    { ...base, displayName: 'integration', testMatch: ['<rootDir>/{apps,libs,test}/**/*.int-spec.ts'] },
    // The API over HTTP, in process or as a child process (the latter from `dist`).
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'], setupFilesAfterEnv: [OPENAPI_ANSWERS] },
    // Pages in a real headless Chromium.
    { ...base, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'] },
    {
      // The view-reading e2e specs once more with the views on their worker thread (VIEWS_WORKER_SPECS).
      ...base,
      displayName: 'e2e (views worker)',
      testMatch: VIEWS_WORKER_SPECS.map((name) => `<rootDir>/test/e2e/${name}`),
      setupFiles: ['<rootDir>/test/support/views-on-worker.setup.js'],
      setupFilesAfterEnv: [OPENAPI_ANSWERS],
    },
  ],
};
