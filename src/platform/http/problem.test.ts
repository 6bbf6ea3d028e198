import { describe, expect, it } from 'vitest';
import { DomainError, invalid } from '../errors.ts';
import { toProblem } from './problem.ts';

describe('problem documents', () => {
  it('carry a stable specific code, named by field', () => {
    const p = toProblem(new DomainError('not_found', 'referral.notFound'), 'ko');
    expect(p).toMatchObject({ status: 404, code: 'referral.notFound' });
    const v = toProblem(invalid([{ field: 'phone', key: 'field.required' }]), 'en');
    expect(v).toMatchObject({
      status: 400,
      code: 'validation',
      errors: [{ field: 'phone' }],
    });
    expect(toProblem({ statusCode: 413, message: '' }, 'ko')).toMatchObject({
      status: 413,
      code: 'payloadTooLarge',
    });
    expect(toProblem(new Error('boom'), 'ko')).toMatchObject({ status: 500, code: 'internal' });
  });
});
