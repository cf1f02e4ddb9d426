/**
 * The architecture's arrows (docs/architecture.md), enforced in `npm test`:
 * domain ← formats/sources ← app ← store/server/worker/cli/runtime; web talks HTTP only.
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'src/domain depends on nothing but itself and pure libraries (no I/O, no other layer).',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^src/(?!domain/)|^node:(fs|net|http|https|child_process|worker_threads|dgram|dns|cluster|readline)|^(fs|net|http|https|child_process|pg|@electric-sql/pglite|fastify|pg-boss)$' },
    },
    {
      name: 'formats-and-sources-use-domain-only',
      severity: 'error',
      from: { path: '^src/(formats|sources)/' },
      to: { path: '^src/(app|store|server|worker|cli|runtime|web|config)/' },
    },
    {
      name: 'app-talks-to-ports',
      comment: 'Use cases see ports (src/app/ports.ts), never adapters.',
      severity: 'error',
      from: { path: '^src/app/' },
      to: { path: '^src/(store|server|worker|cli|runtime|web|config|formats|sources)/|^(pg|@electric-sql/pglite|fastify|pg-boss)$' },
    },
    {
      name: 'store-below-delivery',
      severity: 'error',
      from: { path: '^src/store/' },
      to: { path: '^src/(server|worker|cli|runtime|web)/' },
    },
    {
      name: 'web-only-http',
      comment: 'The web app reaches the server through the HTTP API only.',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '^src/(?!web/)' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { pathNot: '^src/web/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.test\\.ts$' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.tsx', '.js'] },
  },
};
