/**
 * Architecture boundaries, checked in CI by `npm run lint`. scripts/lint/boundaries.int.spec.ts
 * breaks each rule on purpose in a throwaway tree and expects it to be caught.
 */
const SPEC = '[.](spec|int[.]spec|e2e[.]spec)[.]ts$';
const TEST_CODE = `(${SPEC}|/test/|^libs/testing/)`;
const LIB_BARRELS = '^libs/[^/]+/src/index[.]ts$';
// Barrels that pull in Nest, gRPC or stores; #money depends on nothing and domain code may use it.
const HEAVY_BARRELS = '^libs/(?!money/)[^/]+/src/index[.]ts$';

module.exports = {
  forbidden: [
    {
      name: 'apps-are-independent',
      comment: 'An app never imports another app: they talk over the network through contracts.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/([^/]+)/', pathNot: '^apps/$1/' },
    },
    {
      name: 'libs-do-not-import-apps',
      comment: 'A library (the saga engine among them) knows no app.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'libs-through-their-entry-point',
      comment:
        'Apps and scripts use a library only through its index (#saga, #platform, …) or, for ' +
        'OpenTelemetry, #instrumentation, which must load before anything else.',
      severity: 'error',
      from: { path: '^(apps|scripts)/' },
      to: {
        path: '^libs/[^/]+/src/',
        pathNot: `(${LIB_BARRELS}|^libs/contracts/src/|^libs/platform/src/telemetry/instrument[.]ts$)`,
      },
    },
    {
      name: 'domain-is-pure',
      comment: 'Domain code knows nothing of Nest, transports, stores, generated code or barrels.',
      severity: 'error',
      from: { path: '/domain/' },
      to: {
        path: `(^libs/contracts/|${HEAVY_BARRELS}|node_modules/(@nestjs|typeorm|mongoose|mongodb|@grpc|pg|zod)/)`,
      },
    },
    {
      name: 'transport-does-not-touch-persistence',
      comment: 'Controllers and mappers go through use cases; rows and entities stay behind them.',
      severity: 'error',
      from: { path: '(/transport/|[.]controller[.]ts$)' },
      to: { path: '/persistence/' },
    },
    {
      name: 'capabilities-do-not-import-up',
      comment:
        'orders is imported by the console and the fault switch, never the other way round; ' +
        'the port to payments imports neither.',
      severity: 'error',
      from: { path: '^apps/orders/src/(orders|payments-client)/' },
      to: { path: '^apps/orders/src/(console|faults|app[.]module|main)' },
    },
    {
      name: 'production-code-imports-no-tests',
      comment: 'Nothing that ships imports a spec, a test helper or a dev dependency.',
      severity: 'error',
      from: { path: '^(apps/[^/]+/src|libs/[^/]+/src)/', pathNot: TEST_CODE },
      to: { path: TEST_CODE, dependencyTypesNot: ['npm'] },
    },
    {
      name: 'production-code-imports-no-dev-dependencies',
      severity: 'error',
      from: { path: '^(apps/[^/]+/src|libs/[^/]+/src)/', pathNot: TEST_CODE },
      // Type-only imports (express's Request from @types/express) vanish when compiled.
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-orphans',
      comment: 'A module nothing imports is dead code (entry points, specs and configs aside).',
      severity: 'error',
      from: {
        orphan: true,
        pathNot: [
          SPEC,
          '/main[.]ts$',
          '[.]d[.]ts$',
          '^libs/[^/]+/src/index[.]ts$',
          '/migrations/',
          '^scripts/',
        ],
      },
      to: {},
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|/gen/|^apps/console/)' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    combinedDependencies: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'types', 'default'],
    },
  },
};
