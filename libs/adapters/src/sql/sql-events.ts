import type { EventDraft, EventKind, StatementContext, TableRef } from '@schematrace/contracts';
import type { RangeVar } from 'libpg-query';

type DraftOf<K extends EventKind> = Extract<EventDraft, { kind: K }>;
export type DraftPayload<K extends EventKind> = DraftOf<K>['payload'];

/** Kinds whose payload says where the statement ran: everything but the migration lifecycle. */
export type StatementKind = {
  [K in EventKind]: 'context' extends keyof DraftPayload<K> ? K : never;
}[EventKind];

/** One event of a statement, before the statement context and its position are added. */
export type SqlEvent = {
  [K in StatementKind]: { readonly kind: K; readonly payload: Omit<DraftPayload<K>, 'context'> };
}[StatementKind];

export type ColumnInput = DraftPayload<'column.added'>['column'];
export type ConstraintInput = DraftPayload<'constraint.added'>['constraint'];
export type IndexInput = DraftPayload<'index.created'>['index'];

/** How a statement runs: in a transaction or not, and who decided. */
export type Transaction = Pick<StatementContext, 'inTransaction' | 'transactionSource'>;

export function sqlEvent<K extends StatementKind>(
  kind: K,
  payload: Omit<DraftPayload<K>, 'context'>,
): SqlEvent {
  return { kind, payload } as SqlEvent;
}

/** A table as the statement names it (the schema only when written). */
export function tableRef(relation: RangeVar | undefined): TableRef {
  return {
    ...(relation?.schemaname ? { schema: relation.schemaname } : {}),
    name: relation?.relname ?? '',
  };
}

/** `schema.name` parts (the last one is the name) → the `{ schema?, name }` of named objects. */
export function namedObject(parts: readonly string[]): { schema?: string; name: string } {
  const name = parts.at(-1) ?? '';
  const schema = parts.length > 1 ? parts.at(-2) : undefined;
  return schema ? { schema, name } : { name };
}
