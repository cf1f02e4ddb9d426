/**
 * The one place where error codes become HTTP: application/problem+json (RFC 9457) with a stable
 * `code`. docs/errors.md lists every code.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isVigilError } from '../domain/errors.ts';

const statusByCode: Record<string, number> = {
  VALIDATION_FAILED: 400,
  AUTH_REQUIRED: 401,
  AUTH_INVALID_CREDENTIALS: 401,
  CSRF_INVALID: 403,
  NOT_FOUND: 404,
  PRODUCT_NOT_FOUND: 404,
  RELEASE_NOT_FOUND: 404,
  SBOM_NOT_FOUND: 404,
  VULNERABILITY_NOT_FOUND: 404,
  PRODUCT_EXISTS: 409,
  FEED_SYNC_RUNNING: 409,
  FEED_UNKNOWN: 404,
  RELEASE_EXISTS: 409,
  SBOM_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  SBOM_SYNTAX_INVALID: 422,
  SBOM_SCHEMA_INVALID: 422,
  SBOM_FORMAT_UNKNOWN: 422,
  SBOM_UNSUPPORTED_VERSION: 422,
  DATABASE_LOCKED: 503,
  INTERNAL: 500,
  CASE_NOT_FOUND: 404,
  CASE_SOURCE_NOT_FOUND: 404,
  CASE_FACTS_INVALID: 422,
  CASE_ROLE_USER_NOT_FOUND: 422,
  OBLIGATION_NOT_FOUND: 404,
  OBLIGATION_NOT_OPEN: 409,
  SIGNATURE_INVALID: 403,
  ADMIN_REQUIRED: 403,
  USER_INVALID: 422,
  USER_EXISTS: 409,
  CLOCK_SETTINGS_INVALID: 422,
  CASE_NOT_OPEN: 409,
  CASE_NOT_CLOSED: 409,
  CASE_OBLIGATIONS_OPEN: 409,
  CASE_LINK_NOT_FOUND: 404,
  DOCUMENT_NOT_FOUND: 404,
  PLAYBOOK_NOT_FOUND: 404,
  PLAYBOOK_ALREADY_APPLIED: 409,
  TASK_NOT_FOUND: 404,
  TASK_ASSIGNEE_NOT_FOUND: 422,
  NOTIFICATION_NOT_FOUND: 404,
  NOTIFICATION_NOT_DEAD: 409,
};

const titles: Record<number, string> = {
  400: 'Bad request',
  401: 'Authentication required',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable document',
  500: 'Internal error',
  503: 'Unavailable',
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: Array<{ path: string; message: string }>;
}

export function problem(code: string, detail: string, errors?: Array<{ path: string; message: string }>): Problem {
  const status = statusByCode[code] ?? (code.endsWith('_NOT_FOUND') ? 404 : 400);
  return { type: `https://vigil.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`, title: titles[status] ?? 'Error', status, detail, code, ...(errors ? { errors } : {}) };
}

export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  return reply.code(p.status).type('application/problem+json').send(p);
}

function ajvPath(instancePath: string, missing?: string): string {
  const parts = instancePath.split('/').filter(Boolean).map((s) => (/^\d+$/.test(s) ? `[${s}]` : `.${s}`));
  return `$${parts.join('')}${missing ? `.${missing}` : ''}`;
}

/** Fastify error handler: VigilError → its code; schema validation → VALIDATION_FAILED; else 500. */
export function errorHandler(err: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (isVigilError(err)) {
    const errors = (err.details as { errors?: Array<{ path: string; message: string }> }).errors;
    return sendProblem(reply, problem(err.code, err.message, errors));
  }
  if (err.validation) {
    const where = err.validationContext ?? 'body';
    const seen = new Set<string>();
    const errors = err.validation.map((v) => {
      const missing = v.keyword === 'required' ? String((v.params as { missingProperty?: string }).missingProperty ?? '') : undefined;
      const extra = v.keyword === 'additionalProperties' ? String((v.params as { additionalProperty?: string }).additionalProperty ?? '') : undefined;
      return { path: `${where}:${ajvPath(v.instancePath, missing || extra)}`, message: extra ? 'is not a known property' : (v.message ?? 'is invalid') };
    }).filter((e) => {
      // A value failing a union is reported once per branch; keep one line per path.
      if (seen.has(e.path)) return false;
      seen.add(e.path);
      return true;
    });
    return sendProblem(reply, problem('VALIDATION_FAILED', `invalid request ${where}: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`, errors));
  }
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendProblem(reply, problem('SBOM_TOO_LARGE', err.message));
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return sendProblem(reply, problem('UNSUPPORTED_MEDIA_TYPE', err.message));
  if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (err.statusCode === 400 && err instanceof SyntaxError)) {
    return sendProblem(reply, problem('VALIDATION_FAILED', `request body is not valid JSON: ${err.message}`));
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return sendProblem(reply, { ...problem('VALIDATION_FAILED', err.message), status: err.statusCode, title: titles[err.statusCode] ?? 'Error' });
  }
  request.log.error({ err }, 'unhandled error');
  return sendProblem(reply, problem('INTERNAL', 'an internal error occurred; it has been logged'));
}
