/**
 * The HTTP application: API under /api (schemas → validation, serialisation, OpenAPI), the web
 * app at /. `buildApp` never listens; `serve` in src/server/serve.ts does.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { Runtime } from '../runtime/runtime.ts';
import { authHook } from './auth.ts';
import { errorHandler, problem, sendProblem } from './problem.ts';
import { sharedSchemas, Type } from './schemas.ts';
import { auditRoutes } from './routes/audit.routes.ts';
import { authRoutes } from './routes/auth.routes.ts';
import { inventoryRoutes } from './routes/inventory.routes.ts';
import { sbomRoutes } from './routes/sbom.routes.ts';
import { vulnerabilityRoutes } from './routes/vulnerability.routes.ts';
import { findingRoutes } from './routes/finding.routes.ts';
import { caseRoutes } from './routes/case.routes.ts';
import { settingsRoutes } from './routes/settings.routes.ts';
import { notificationRoutes } from './routes/notification.routes.ts';
import { feedNames } from '../runtime/feeds.ts';

export const publicRoutes: ReadonlySet<string> = new Set([
  'GET /api/health',
  'POST /api/auth/login',
  'GET /api/openapi.json',
  'GET /api/docs',
  'GET /api/docs/*',
]);

const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export interface BuildAppOptions {
  logger?: boolean | { level: string };
}

export async function buildApp(rt: Runtime, opts: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger === undefined ? false : opts.logger === true ? { level: rt.config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'] } : opts.logger === false ? false : { ...opts.logger, redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'] },
    trustProxy: rt.config.trustProxy,
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: true } },
  });

  for (const schema of sharedSchemas) app.addSchema(schema);
  app.setErrorHandler(errorHandler);

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Vigil API', version, description: 'Post-market cybersecurity for medical devices. Authenticate with the session cookie (+ X-CSRF-Token on unsafe methods) or an API token as a bearer token. Errors are application/problem+json with a stable `code` (docs/errors.md).' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'API token (vgl_…)' }, cookie: { type: 'apiKey', in: 'cookie', name: 'vigil_session' } } },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin');
    if (request.url.startsWith('/api/') && !request.url.startsWith('/api/docs')) reply.header('cache-control', 'no-store');
  });
  app.addHook('preHandler', authHook(rt, publicRoutes));

  app.get('/api/health', {
    schema: { tags: ['meta'], summary: 'Liveness and version (public)', response: { 200: Type.Object({ status: Type.Literal('ok'), version: Type.String(), database: Type.String() }) } },
  }, async () => {
    await rt.db.query('SELECT 1');
    return { status: 'ok' as const, version, database: rt.db.engine };
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await authRoutes(app, rt);
  await inventoryRoutes(app, rt);
  await sbomRoutes(app, rt);
  await auditRoutes(app, rt);
  await vulnerabilityRoutes(app, rt, feedNames);
  await findingRoutes(app, rt);
  await caseRoutes(app, rt);
  await settingsRoutes(app, rt);
  await notificationRoutes(app, rt);

  const webDir = rt.config.webDir;
  const indexHtml = join(webDir, 'index.html');
  if (existsSync(indexHtml)) {
    // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
    await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: true, index: ['index.html'] });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api')) return sendProblem(reply, problem('NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`));
    if (request.url.startsWith('/assets/')) return reply.code(404).type('text/plain').send('not found');
    if (request.method === 'GET' && existsSync(indexHtml)) return reply.type('text/html').send(readFileSync(indexHtml));
    return reply.code(404).type('text/plain').send('The web app is not built. Run `npm run build:web` (npm start builds it when missing).');
  });

  return app;
}
