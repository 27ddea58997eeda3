/**
 * The published metadata schemas kept in docs/provenance/schemas/, compiled with ajv: Catalog's music metadata
 * standard (catalog-20220222) and EIP-721's ERC-721 Metadata JSON Schema. Every metadata.json Motif pins must pass both.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { z } from 'zod';

const SCHEMA_DIR = path.join(process.cwd(), 'docs/provenance/schemas');
export const SCHEMA_FILES = { catalog: 'catalog-20220222.schema.json', erc721: 'erc721-metadata.schema.json' } as const;

const schemaObject = z.record(z.string(), z.unknown());

function compile(file: string): ValidateFunction {
  const schema = schemaObject.parse(JSON.parse(readFileSync(path.join(SCHEMA_DIR, file), 'utf8')));
  // strict: a typo in a kept schema (an unknown keyword) fails here instead of silently accepting everything
  return new Ajv({ strict: true, allowUnionTypes: true, allErrors: true }).compile(schema);
}

export type SchemaVerdict = { schema: keyof typeof SCHEMA_FILES; errors: string[] };

/** Validates `metadata` against both schemas; the errors of each (empty when it passes). */
export function validateTrackMetadata(metadata: unknown): SchemaVerdict[] {
  return (Object.keys(SCHEMA_FILES) as (keyof typeof SCHEMA_FILES)[]).map((schema) => {
    const validate = compile(SCHEMA_FILES[schema]);
    const ok = validate(metadata);
    return {
      schema,
      errors: ok ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'invalid'}`),
    };
  });
}
