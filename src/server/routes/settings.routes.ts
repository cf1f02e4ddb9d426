import type { FastifyInstance } from 'fastify';
import { getClockSettings, setClockSettings } from '../../app/clock-settings.ts';
import { settingsSchema } from '../../domain/clocks/settings.schema.ts';
import type { Runtime } from '../../runtime/runtime.ts';
import { requireAdmin } from '../auth.ts';
import { problemResponses, Type } from '../schemas.ts';

const SettingsBody = Type.Object(
  {
    document: Type.Object({}, { additionalProperties: true, description: 'The settings document (docs/clocks.md, schema: GET /api/settings/clocks/schema); unknown keys are rejected with their JSON path' }),
    reason: Type.Optional(Type.String({ maxLength: 2000, description: 'Why (audit trail)' })),
  },
  { additionalProperties: false },
);

export async function settingsRoutes(app: FastifyInstance, rt: Runtime): Promise<void> {
  app.get('/api/settings/clocks', {
    schema: {
      tags: ['settings'],
      summary: 'The organisation clock settings: the stored document, the engine settings in force, and the playbooks with their overrides',
      response: problemResponses,
    },
  }, async () => getClockSettings(rt));

  app.get('/api/settings/clocks/schema', {
    schema: { tags: ['settings'], summary: 'The JSON Schema of the clock settings document', response: problemResponses },
  }, async () => settingsSchema);

  app.put('/api/settings/clocks', {
    schema: {
      tags: ['settings'],
      summary: 'Replace the organisation clock settings (administrators): validated (422 CLOCK_SETTINGS_INVALID with JSON paths), audited, and every open case re-evaluated in the same transaction',
      body: SettingsBody,
      response: problemResponses,
    },
  }, async (request) => {
    const actor = await requireAdmin(rt, request);
    const b = request.body as { document: unknown; reason?: string };
    return setClockSettings(rt, actor, b.document, b.reason ?? null);
  });
}
