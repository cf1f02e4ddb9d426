/**
 * The official OSV JSON schema (draft 2020-12), compiled once with ajv and cached. The schema file
 * is a committed copy (`schema/osv.schema.json`, source and licence in `schema/README.md`), read
 * beside this module so the app needs no network and no path outside the package.
 *
 * ajv options: `strict: false` (the schema uses `title` inside `contains` and `if` without
 * `else`, which strict mode flags; we take the schema as published), `allErrors: true` so that
 * hard and soft errors can be told apart (see `isSoftSchemaError`), formats checked with ajv-formats.
 */
import { readFileSync } from 'node:fs';
import AjvModule from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv and ajv-formats are CommonJS with `exports.default`; under NodeNext take `.default`.
const Ajv2020 = AjvModule.default;
const addFormats = addFormatsModule.default;

let compiled: ValidateFunction | null = null;

/** The schema document as committed. */
export function osvSchemaDocument(): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL('./schema/osv.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;
}

export function osvValidator(): ValidateFunction {
  if (compiled) return compiled;
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  compiled = ajv.compile(osvSchemaDocument());
  return compiled;
}

/**
 * Errors that do not make a record unusable. The schema's list of id prefixes and of ecosystem
 * names grows every few weeks as databases join OSV; a committed copy always lags behind the live
 * feed, and rejecting a new database's records for that reason would hide real vulnerabilities.
 * The record is kept and the error reported as a warning. A reference URL that is not a valid
 * URI is dropped with a warning rather than costing the whole record.
 */
export function isSoftSchemaError(e: ErrorObject): boolean {
  return (
    e.schemaPath === '#/$defs/prefix/pattern' ||
    e.schemaPath === '#/$defs/ecosystemWithSuffix/pattern' ||
    (e.keyword === 'format' && /^\/references\/\d+\/url$/u.test(e.instancePath))
  );
}

export type OsvSchemaError = ErrorObject;
