import type { z } from 'zod';

export interface ContractIssue {
  readonly path: string;
  readonly message: string;
}

export type Decoded<T> = { ok: true; value: T } | { ok: false; issues: ContractIssue[] };

/** Validates unknown input against a contract schema, naming each failing field by its path. */
export function decode<S extends z.ZodType>(schema: S, input: unknown): Decoded<z.output<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({
      path: issue.path.length ? issue.path.map(String).join('.') : '(root)',
      message: issue.message,
    })),
  };
}

export function describeIssues(issues: readonly ContractIssue[]): string {
  return issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
}
