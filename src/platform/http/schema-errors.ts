import type { FieldProblem } from '../errors.ts';

/**
 * Shared by the HTTP error mapper (ajv errors) and the CSV importer (TypeBox Value.Errors):
 * schema keyword → message key, JSON pointer → the API's field name, and the message params.
 * Both must name problems the same way, so an import row and a request body read alike.
 */
export const schemaKeywordKey: Record<string, string> = {
  required: 'field.required',
  type: 'field.type',
  minLength: 'field.minLength',
  maxLength: 'field.maxLength',
  minItems: 'field.minItems',
  maxItems: 'field.maxItems',
  minimum: 'field.minimum',
  maximum: 'field.maximum',
  pattern: 'field.pattern',
  format: 'field.format',
  enum: 'field.enum',
  const: 'field.enum',
  additionalProperties: 'field.unknown',
};

/** `/desired/wageMin` → `desired.wageMin`, `/careers/0/months` → `careers[0].months`. */
export function fieldFromPointer(pointer: string): string {
  return pointer
    .replace(/^\//, '')
    .replace(/\/(\d+)(?=\/|$)/g, '[$1]')
    .replace(/\//g, '.');
}

/** The message parameters a schema error carries (limit, type, format, allowed values). */
export function schemaErrorParams(p: Record<string, unknown>): FieldProblem['params'] {
  const params: Record<string, string | number> = {};
  if (typeof p.limit === 'number') params.limit = p.limit;
  if (typeof p.type === 'string') params.type = p.type;
  if (typeof p.format === 'string') params.format = p.format;
  if (Array.isArray(p.allowedValues)) params.allowed = p.allowedValues.join(', ');
  if (p.allowedValue !== undefined) params.allowed = String(p.allowedValue);
  return params;
}
