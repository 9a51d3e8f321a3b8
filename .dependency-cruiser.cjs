/**
 * The layers, as a check `npm test` runs (`npm run boundaries`): domain ← ledger ← projections ← runtime
 * ← apps, exports beside projections, and test code apart. docs/architecture.md, "Boundaries", says why.
 *
 * Spec files and the libs' `src/testing/` fixtures are test code wherever they sit: they may import
 * test support and dev dependencies, but keep to their layer among libs/ and apps/ like the code beside them.
 */
const TEST_CODE = ['^test/', '\\.(spec|int-spec|e2e-spec|browser-spec)\\.ts$', '^libs/[^/]+/src/testing/', '\\.contract\\.ts$'];

/** A library may import itself and the layers named, nothing else of ours. */
const layer = (lib, below) => ({
  name: `${lib}-imports-only-${below.length ? below.join('-') : 'itself'}`,
  comment: `libs/${lib} may import ${below.length ? `only ${below.map((l) => `libs/${l}`).join(', ')}` : 'nothing of ours'}: the layers point one way.`,
  severity: 'error',
  from: { path: `^libs/${lib}/` },
  to: { path: '^(libs|apps)/', pathNot: [`^libs/(${[lib, ...below].join('|')})/`] },
});

module.exports = {
  forbidden: [
    layer('domain', []),
    layer('ledger', ['domain']),
    layer('projections', ['domain', 'ledger']),
    layer('exports', ['domain', 'ledger']),
    layer('runtime', ['domain', 'ledger', 'projections']),
    {
      name: 'domain-is-pure',
      comment:
        'libs/domain is pure TypeScript: no framework, no store, no validator, no I/O. Its tests may use fast-check.',
      severity: 'error',
      from: { path: '^libs/domain/', pathNot: TEST_CODE },
      to: {
        dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-bundled', 'npm-no-pkg', 'npm-unknown'],
      },
    },
    {
      name: 'domain-does-no-io',
      comment: 'libs/domain takes time and data with the command: no file, network, process or thread.',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: {
        dependencyTypes: ['core'],
        path: '^(node:)?(fs|fs/promises|net|http|https|http2|tls|dgram|dns|child_process|cluster|worker_threads|os|readline|sqlite|timers|timers/promises|vm|v8)$',
      },
    },
    {
      name: 'no-app-imports-another-app',
      comment:
        'Each app composes the libs itself. The one exception: the bench measures the API in process ' +
        '(createLedgerApp, its command pipeline), until the composition moves into libs/runtime.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/', pathNot: ['^apps/bench/'] },
      to: { path: '^apps/', pathNot: ['^apps/$1/'] },
    },
    {
      name: 'bench-imports-only-the-api',
      comment: 'The bench may import the API (see no-app-imports-another-app), never the CLI.',
      severity: 'error',
      from: { path: '^apps/bench/' },
      to: { path: '^apps/cli/' },
    },
    {
      name: 'nothing-imports-test-code',
      comment:
        'Production code never imports test support, specs or fixtures: `npm run build` compiles apps/ and ' +
        'libs/ without them (test support is compiled apart, into dist-test/, for the specs that need it).',
      severity: 'error',
      from: { pathNot: TEST_CODE },
      to: { path: TEST_CODE },
    },
    {
      name: 'production-code-uses-no-dev-dependency',
      comment: 'What the API, the CLI and the libs import must be installed by `npm ci --omit=dev` (the image).',
      severity: 'error',
      from: { path: '^(apps/(api|cli)|libs)/', pathNot: TEST_CODE },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'ledger-barrel-does-not-load-eventstoredb',
      comment:
        '`@ledger/ledger` is imported everywhere; the EventStoreDB client (gRPC, protobuf) loads only for ' +
        'whoever imports `@ledger/ledger/eventstoredb`.',
      severity: 'error',
      from: { path: '^libs/ledger/src/index\\.ts$' },
      to: { path: 'node_modules/@eventstore/db-client/', reachable: true },
    },
    {
      name: 'no-unresolvable-import',
      comment: 'An import the resolver cannot find is a typo or a missing dependency.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      // A warning until the cycles inside libs and apps/api/src/web/shared that predate this check are
      // untied (docs/architecture.md, "Boundaries"); the layer rules above already forbid every cycle
      // between layers.
      name: 'no-circular',
      comment: 'A cycle between modules makes the order they load in matter.',
      severity: 'warn',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|dist-test|coverage)/' },
    // Type-only imports count: a type from a layer above is a dependency on it all the same.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
