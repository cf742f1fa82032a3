/** Architecture boundaries, checked in CI by `npm run lint`. */
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
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'domain-is-pure',
      comment: 'Domain code knows nothing of transports, stores or generated contracts.',
      severity: 'error',
      from: { path: '/domain/' },
      to: {
        path: '(^libs/contracts/|node_modules/(@nestjs|typeorm|mongoose|@grpc|pg)/)',
      },
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
    exclude: { path: '(^dist/|/gen/)' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    combinedDependencies: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'types', 'default'],
    },
  },
};
